package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Java test peer publishes VP8 in three simulcast layers (RFC 8853) as Chromium does: rids
 * l, m, h, no a=ssrc, each SSRC's layer named in its packets' rtp-stream-id extension, each in
 * three temporal layers. Viewers
 * ask for a layer each and get it; a viewer switched back and forth gets one continuous stream,
 * each switch at a keyframe of the layer it goes to.
 */
class SimulcastIT {
    private static final long AUDIO_SSRC = 0x51000001L;
    private static final String[] RIDS = {"l", "m", "h"};
    private static final int[] SIZES = {150, 450, 1100};
    private static final int KEYFRAME_EVERY = 10;
    private static final int[] TEMPORAL_PATTERN = {0, 2, 1, 2};
    /** Where a packet's payload names its layer, past the VP8 key frame header. */
    private static final int LAYER_AT = 12;
    /** Bounded: the sender stops after this many frames (30 a second) whatever happens. */
    private static final int MAX_FRAMES = 30 * 40;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void viewersGetTheLayerTheyAskForAndOneContinuousStreamAcrossSwitches() throws Exception {
        PeerBroadcast broadcast = PeerBroadcast.inNewRoom("simulcast-it", open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.sendSimulcast(AUDIO_SSRC, RIDS)));
        JsonObject produced = broadcast.produce(broadcaster);
        String answer = produced.getString("sdp");
        assertTrue(answer.contains("a=simulcast:recv l;m;h"), answer);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);

        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().name("simulcast-it sender").start(() -> send(broadcaster, sending));
        try {
            List<TestPeer> viewers = new ArrayList<>();
            List<PeerBroadcast.Viewing> viewings = new ArrayList<>();
            for (String quality : new String[] {"high", "medium", "low", "auto"}) {
                TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
                PeerBroadcast.Viewing viewing = broadcast.watch(viewer);
                setQuality(viewing, quality);
                viewers.add(viewer);
                viewings.add(viewing);
            }
            TimeUnit.MILLISECONDS.sleep(1500);
            char[] expected = {'h', 'm', 'l', 'h'};
            List<byte[]> received = new ArrayList<>();
            for (int i = 0; i < viewers.size(); i++) {
                List<byte[]> video = drainVideo(viewers.get(i));
                assertTrue(video.size() > 10, "viewer " + i + " got video: " + video.size());
                assertEquals(expected[i], (char) layerOf(video.get(video.size() - 1)), "viewer " + i + "'s layer");
                assertTrue(video.stream().anyMatch(p -> (RtpPackets.payload(p)[2] & 0xC0) == 2 << 6),
                        "viewer " + i + " gets the top temporal layer too: its estimate is not short");
                if (i == 0) {
                    received.add(video.get(video.size() - 1)); // where the switches start from
                }
            }

            TestPeer switching = viewers.get(0);
            received.addAll(drainVideo(switching));
            for (String quality : new String[] {"low", "high", "medium", "high"}) {
                setQuality(viewings.get(0), quality);
                TimeUnit.MILLISECONDS.sleep(1200);
                received.addAll(drainVideo(switching));
                assertEquals(quality.charAt(0), (char) layerOf(received.get(received.size() - 1)), "now " + quality);
            }
            int switches = 0;
            for (int i = 1; i < received.size(); i++) {
                byte[] previous = received.get(i - 1);
                byte[] packet = received.get(i);
                assertEquals((RtpPackets.sequenceNumber(previous) + 1) & 0xFFFF, RtpPackets.sequenceNumber(packet),
                        "no gap in the viewer's numbering at packet " + i);
                assertTrue(RtpPackets.timestamp(packet) - RtpPackets.timestamp(previous) >= 0, "time goes on");
                if (layerOf(packet) != layerOf(previous)) {
                    switches++;
                    assertTrue(isKeyframe(packet), "a switch at a keyframe, packet " + i);
                }
            }
            assertEquals(4, switches);

            String info = operatorInfo(broadcast.room());
            assertTrue(info.contains("\"quality\":\"auto\"") && info.contains("\"layer\":\"h\""), info);
        } finally {
            sending.set(false);
            sender.join(5000);
        }
    }

    /** /api/info about the room as operators see it: each viewer's quality, layer and why. */
    private static String operatorInfo(String room) throws Exception {
        String secret = TestServer.operatorSecret();
        assumeTrue(secret != null, "the server runs without OPERATOR_SECRET (bin/test sets one)");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                TestServer.uri().resolve("/api/info?room=" + room)).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static void setQuality(PeerBroadcast.Viewing viewing, String quality) throws Exception {
        JsonObject reply = viewing.signaling().request("set-quality", "\"consumerId\":\""
                + viewing.consumed().getString("consumerId") + "\",\"quality\":\"" + quality + "\"");
        assertEquals("quality-set", reply.getString("type"), reply.toString());
        assertTrue(reply.getBoolean("simulcast"), reply.toString());
    }

    /** One packet per layer per frame, 30 frames a second, a keyframe on every layer every tenth frame. */
    private static void send(TestPeer broadcaster, AtomicBoolean sending) {
        int[] seq = {100, 2000, 30000};
        long start = System.nanoTime();
        for (int frame = 0; frame < MAX_FRAMES && sending.get(); frame++) {
            boolean key = frame % KEYFRAME_EVERY == 0;
            for (int layer = 0; layer < RIDS.length; layer++) {
                byte[] payload = new byte[SIZES[layer]];
                // RFC 7741 §4.2 with T: temporal layers 0, 2, 1, 2 as Chromium's L1T3, then the frame tag.
                byte temporal = (byte) (key ? 0 : TEMPORAL_PATTERN[frame % TEMPORAL_PATTERN.length] << 6);
                byte[] descriptor = key
                        ? new byte[] {(byte) 0x90, 0x20, temporal, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A}
                        : new byte[] {(byte) 0x90, 0x20, temporal, 0x51, 0x42, 0x00};
                System.arraycopy(descriptor, 0, payload, 0, descriptor.length);
                payload[LAYER_AT] = (byte) RIDS[layer].charAt(0);
                byte[] rtp = RtpPackets.rtpWithRid(OfferSpec.VP8_PT, seq[layer]++ & 0xFFFF, frame * 3000L,
                        0x5100_0010L + layer, true, OfferSpec.RID_EXTENSION_ID, RIDS[layer], payload);
                broadcaster.sendRtp(rtp, 0, rtp.length);
            }
            long due = start + (frame + 1) * 33_333_333L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static List<byte[]> drainVideo(TestPeer viewer) {
        List<byte[]> all = new ArrayList<>();
        viewer.receivedRtp().drainTo(all);
        long ssrc = viewer.answerSsrc("video");
        return all.stream().filter(p -> RtpPackets.ssrc(p) == ssrc).toList();
    }

    private static byte layerOf(byte[] rtp) {
        return RtpPackets.payload(rtp)[LAYER_AT];
    }

    private static boolean isKeyframe(byte[] rtp) {
        return (RtpPackets.payload(rtp)[3] & 0x01) == 0;
    }
}
