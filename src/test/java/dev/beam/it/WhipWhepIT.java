package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WHIP ingest and WHEP playback against the started server, with Java test peers: a broadcast
 * published over WHIP reaches WHEP viewers packet for packet, its DELETE ends it, and each
 * status of RFC 9725 section 4 comes with its reason.
 */
class WhipWhepIT {
    private static final long AUDIO_SSRC = 0x0E0E0E0EL;
    private static final long VIDEO_SSRC = 0x0F0F0F0FL;
    private static final int PACKETS = 50;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    private final String room = "wish-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aWhipBroadcastReachesThreeWhepViewersPacketForPacketUntilItsDelete() throws Exception {
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        HttpResponse<String> published = WishClient.offer("/whip/" + room, broadcaster.offer());
        assertEquals(201, published.statusCode(), published.body());
        assertEquals("application/sdp", published.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        String resource = published.headers().firstValue("Location").orElseThrow();
        assertTrue(resource.matches("/whip/" + room + "/whip-[0-9a-f]{16}"), resource);
        assertTrue(published.headers().firstValue("ETag").orElseThrow().matches("\"[0-9a-f]+\""));
        broadcaster.accept(published.body());
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);

        List<TestPeer> viewers = new ArrayList<>();
        List<String> viewerResources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
            HttpResponse<String> watched = WishClient.offer("/whep/" + room, viewer.offer());
            assertEquals(201, watched.statusCode(), watched.body());
            viewerResources.add(watched.headers().firstValue("Location").orElseThrow());
            viewer.accept(watched.body());
            viewers.add(viewer);
        }
        for (TestPeer viewer : viewers) {
            viewer.awaitConnected(PeerBroadcast.CONNECT);
        }
        SignalingClient watcher = open.keep(SignalingClient.connect(TestServer.uri()));
        assertEquals(4, watcher.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"").getInt("viewers"),
                "WHEP viewers count as viewers");

        for (int seq = 0; seq < PACKETS; seq++) {
            byte[] packet = RtpPackets.rtp(OfferSpec.OPUS_PT, seq, seq * 960L, AUDIO_SSRC, false, new byte[80]);
            broadcaster.sendRtp(packet, 0, packet.length);
            TimeUnit.MILLISECONDS.sleep(4);
        }
        for (TestPeer viewer : viewers) {
            assertEquals(PACKETS, received(viewer), "every packet reached every WHEP viewer");
        }

        assertEquals(200, WishClient.delete(resource).statusCode());
        watcher.next("stream-ended");
        assertEquals(404, WishClient.delete(resource).statusCode(), "the resource is gone");
        for (String viewerResource : viewerResources) {
            assertEquals(404, WishClient.delete(viewerResource).statusCode(), "the WHEP sessions ended with it");
        }
    }

    @Test
    void eachRefusalHasItsStatusAndAReason() throws Exception {
        String offer = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC))).offer();
        assertRefused(415, WishClient.post("/whip/" + room, "text/plain", offer), "application/sdp");
        assertRefused(400, WishClient.offer("/whip/" + room, "not sdp"), "");
        assertRefused(422, WishClient.offer("/whip/" + room, offer.replace("opus/48000/2", "speex/8000")
                .replace("VP8/90000", "theora/90000")), "");
        assertRefused(404, WishClient.offer("/whip/no%20such%20room", offer), "room names");
        HttpResponse<String> notLive = WishClient.offer("/whep/" + room,
                open.keep(TestPeer.create(OfferSpec.receive())).offer());
        assertRefused(409, notLive, "nothing is live");
        assertTrue(notLive.headers().firstValue("Retry-After").isPresent(), "players are told when to retry");
        assertRefused(405, WishClient.send("/whip/" + room, "PUT", Map.of(), ""), "allows");
        assertEquals(204, WishClient.send("/whip/" + room, "GET", Map.of(), null).statusCode(), "no representation");

        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        HttpResponse<String> published = WishClient.offer("/whip/" + room, broadcaster.offer());
        assertEquals(201, published.statusCode(), published.body());
        String resource = published.headers().firstValue("Location").orElseThrow();
        assertRefused(409, WishClient.offer("/whip/" + room,
                open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC))).offer()), "already has a broadcaster");

        String fragment = "a=ice-ufrag:" + ufrag(broadcaster.offer()) + "\r\na=ice-pwd:" + pwd(broadcaster.offer())
                + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2130706431 127.0.0.1 9 typ host\r\na=end-of-candidates\r\n";
        String sdpfrag = "application/trickle-ice-sdpfrag";
        String etag = published.headers().firstValue("ETag").orElseThrow();
        assertRefused(415, WishClient.patch(resource, Map.of("Content-Type", "application/sdp", "If-Match", etag),
                fragment), sdpfrag);
        assertRefused(412, WishClient.patch(resource, Map.of("Content-Type", sdpfrag, "If-Match", "\"other\""), fragment),
                "If-Match");
        assertRefused(428, WishClient.patch(resource, Map.of("Content-Type", sdpfrag), fragment), "If-Match");
        assertRefused(400, WishClient.patch(resource, Map.of("Content-Type", sdpfrag, "If-Match", etag),
                "a=candidate:1 1 udp 1 127.0.0.1 9 typ host\r\n"), "ICE fragment");
        assertEquals(204, WishClient.patch(resource, Map.of("Content-Type", sdpfrag, "If-Match", etag), fragment)
                .statusCode(), "a trickled candidate is taken");

        // An ICE restart (RFC 9725 section 4.3.3): new credentials, If-Match "*", answered with the
        // server's new ones and a new entity tag; the old tag names an ICE session no more.
        String restart = fragment.replace("a=ice-ufrag:" + ufrag(broadcaster.offer()), "a=ice-ufrag:restart1")
                .replace("a=ice-pwd:" + pwd(broadcaster.offer()), "a=ice-pwd:restartpassword1restartpass");
        assertRefused(412, WishClient.patch(resource, Map.of("Content-Type", sdpfrag, "If-Match", etag), restart),
                "If-Match: *");
        HttpResponse<String> restarted = WishClient.patch(resource, Map.of("Content-Type", sdpfrag, "If-Match", "*"),
                restart);
        assertEquals(200, restarted.statusCode(), restarted.body());
        assertEquals(sdpfrag, restarted.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        String newEtag = restarted.headers().firstValue("ETag").orElseThrow();
        assertTrue(!newEtag.equals(etag), "a new ICE session, a new tag");
        assertTrue(restarted.body().contains("a=ice-ufrag:") && !restarted.body().contains(ufrag(published.body())),
                "the server's new ufrag: " + restarted.body());
        assertTrue(restarted.body().contains("a=candidate:") && restarted.body().contains("a=end-of-candidates"),
                restarted.body());
        assertRefused(412, WishClient.patch(resource, Map.of("Content-Type", sdpfrag, "If-Match", etag), restart),
                "another ICE session");
        assertEquals(204, WishClient.patch(resource, Map.of("Content-Type", sdpfrag, "If-Match", newEtag), restart)
                .statusCode(), "trickle in the new ICE session");
        assertRefused(404, WishClient.patch(resource.substring(0, resource.length() - 4) + "0000",
                Map.of("Content-Type", sdpfrag), fragment), "no WHIP session");

        HttpResponse<String> options = WishClient.send("/whip/" + room, "OPTIONS",
                Map.of("Origin", "https://obs.example", "Access-Control-Request-Method", "POST"), null);
        assertEquals(200, options.statusCode());
        assertEquals("*", options.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(options.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(options.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        assertEquals("application/sdp", options.headers().firstValue("Accept-Post").orElse(""));
        assertTrue(published.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Location"));
        assertEquals(200, WishClient.delete(resource).statusCode());
    }

    @Test
    void offersPastThePendingSessionCapGet503WithRetryAfter() throws Exception {
        HttpResponse<String> published = WishClient.offer("/whip/" + room,
                open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC))).offer());
        assertEquals(201, published.statusCode(), published.body());
        List<String> resources = new ArrayList<>(List.of(published.headers().firstValue("Location").orElseThrow()));
        HttpResponse<String> busy = null;
        // Sessions never connected stay pending until their connect deadline: enough of them fill the cap.
        for (int i = 0; i < TestServer.maxPendingSessions() + 1 && busy == null; i++) {
            HttpResponse<String> watched = WishClient.offer("/whep/" + room,
                    open.keep(TestPeer.create(OfferSpec.receive())).offer());
            if (watched.statusCode() == 201) {
                resources.add(watched.headers().firstValue("Location").orElseThrow());
            } else {
                busy = watched;
            }
        }
        try {
            assertTrue(busy != null, "the cap was reached");
            assertRefused(503, busy, "");
            assertTrue(busy.headers().firstValue("Retry-After").isPresent(), "with Retry-After");
        } finally {
            for (String resource : resources) {
                WishClient.delete(resource);
            }
        }
    }

    private static void assertRefused(int status, HttpResponse<String> response, String reasonContains) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "a plain-text reason");
        assertTrue(!response.body().isBlank() && response.body().contains(reasonContains), response.body());
    }

    private static int received(TestPeer viewer) throws InterruptedException {
        int received = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (received < PACKETS && viewer.receivedRtp().poll(Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS) != null) {
            received++;
        }
        return received;
    }

    private static String ufrag(String sdp) {
        return attribute(sdp, "a=ice-ufrag:");
    }

    private static String pwd(String sdp) {
        return attribute(sdp, "a=ice-pwd:");
    }

    private static String attribute(String sdp, String prefix) {
        return sdp.lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }
}
