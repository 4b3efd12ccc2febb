package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
    static final long AUDIO_SSRC = 0x51000001L;
    static final String[] RIDS = {"l", "m", "h"};
    private static final int[] SIZES = {150, 450, 1100};
    private static final int KEYFRAME_EVERY = 10;
    private static final int[] TEMPORAL_PATTERN = {0, 2, 1, 2};
    /** Where a packet's payload names its layer, past the VP8 key frame header (bytes 3 to 12). */
    private static final int LAYER_AT = 14;
    /** Bounded: the sender stops after this many frames (30 a second) whatever happens. */
    private static final int MAX_FRAMES = 30 * 40;
    /** The server's layer signals come once a second, a pause after SIMULCAST_PAUSE_AFTER_MS (5 s). */
    private static final Duration LAYER_SIGNAL_WAIT = Duration.ofSeconds(12);

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

    /** A WHIP publisher offering simulcast (as OBS 32 does) is received the same way: each viewer gets its layer. */
    @Test
    void aWhipPublisherOfferingSimulcastIsForwardedLayerByLayer() throws Exception {
        PeerBroadcast broadcast = PeerBroadcast.inNewRoom("simulcast-whip-it", open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.sendSimulcast(AUDIO_SSRC, RIDS)));
        HttpResponse<String> published = WishClient.offer("/whip/" + broadcast.room(), broadcaster.offer());
        assertEquals(201, published.statusCode(), published.body());
        assertTrue(published.body().contains("a=simulcast:recv l;m;h"), published.body());
        broadcaster.accept(published.body());
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);

        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().name("simulcast-it sender").start(() -> send(broadcaster, sending));
        try {
            List<TestPeer> viewers = new ArrayList<>();
            for (String quality : new String[] {"low", "high"}) {
                TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
                setQuality(broadcast.watch(viewer), quality);
                viewers.add(viewer);
            }
            TimeUnit.MILLISECONDS.sleep(1500);
            char[] expected = {'l', 'h'};
            for (int i = 0; i < viewers.size(); i++) {
                List<byte[]> video = drainVideo(viewers.get(i));
                assertTrue(video.size() > 10, "viewer " + i + " got video: " + video.size());
                assertEquals(expected[i], (char) layerOf(video.get(video.size() - 1)), "viewer " + i + "'s layer");
            }
        } finally {
            sending.set(false);
            sender.join(5000);
            WishClient.delete(published.headers().firstValue("Location").orElseThrow());
        }
    }

    /**
     * The top layer is paused at the broadcaster once no viewer needs it for
     * {@code SIMULCAST_PAUSE_AFTER_MS} (5 s) and asked for again as soon as one does;
     * the viewer hears which layer it gets.
     */
    @Test
    void theTopLayerIsPausedWhileNoViewerNeedsItAndResumedWhenOneDoes() throws Exception {
        PeerBroadcast broadcast = PeerBroadcast.inNewRoom("simulcast-pause-it", open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.sendSimulcast(AUDIO_SSRC, RIDS)));
        SignalingClient producing = open.keep(SignalingClient.connect(TestServer.uri()));
        producing.request("join-room", broadcast.joinAs("broadcaster"));
        JsonObject produced = producing.request("produce", PeerBroadcast.sdpField(broadcaster.offer()));
        assertEquals("producer-created", produced.getString("type"), produced.toString());
        broadcaster.accept(produced.getString("sdp"));
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);

        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().name("simulcast-it sender").start(() -> send(broadcaster, sending));
        try {
            PeerBroadcast.Viewing viewing = broadcast.watch(open.keep(TestPeer.create(OfferSpec.receive())));
            setQuality(viewing, "low");
            JsonObject told = viewing.signaling().next(m -> m.getString("type").equals("layer-changed")
                    && "l".equals(m.getString("layer", null)), LAYER_SIGNAL_WAIT);
            assertEquals("low", told.getString("quality"), told.toString());
            assertEquals("chosen-by-viewer", told.getString("reason"), told.toString());
            assertLayers(producing, produced, List.of("m", "l"), List.of("h"));

            setQuality(viewing, "high");
            assertLayers(producing, produced, List.of("h", "m", "l"), List.of());

            setQuality(viewing, "low");
            assertLayers(producing, produced, List.of("m", "l"), List.of("h"));
        } finally {
            sending.set(false);
            sender.join(5000);
        }
    }

    private static void assertLayers(SignalingClient producing, JsonObject produced, List<String> active,
            List<String> paused) throws InterruptedException {
        JsonObject asked = producing.next(m -> m.getString("type").equals("send-layers"), LAYER_SIGNAL_WAIT);
        assertEquals(produced.getString("producerId"), asked.getString("producerId"), asked.toString());
        assertEquals(active, asked.getJsonArray("active").getValuesAs(JsonString::getString), asked.toString());
        assertEquals(paused, asked.getJsonArray("paused").getValuesAs(JsonString::getString), asked.toString());
    }

    /** /api/info about the room as operators see it: each viewer's quality, layer and why. */
    static String operatorInfo(String room) throws Exception {
        String secret = TestServer.operatorSecret();
        assumeTrue(secret != null, "the server runs without OPERATOR_SECRET (bin/test sets one)");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                TestServer.uri().resolve("/api/info?room=" + room)).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    static void setQuality(PeerBroadcast.Viewing viewing, String quality) throws Exception {
        JsonObject reply = viewing.signaling().request("set-quality", "\"consumerId\":\""
                + viewing.consumed().getString("consumerId") + "\",\"quality\":\"" + quality + "\"");
        assertEquals("quality-set", reply.getString("type"), reply.toString());
        assertTrue(reply.getBoolean("simulcast"), reply.toString());
    }

    /** One packet per layer per frame, 30 frames a second, a keyframe on every layer every tenth frame. */
    private static void send(TestPeer broadcaster, AtomicBoolean sending) {
        int[] seq = {100, 2000, 30000};
        FrameClock clock = new FrameClock();
        for (int frame = 0; frame < MAX_FRAMES && sending.get(); frame++) {
            for (int layer = 0; layer < RIDS.length; layer++) {
                byte[] rtp = layerPacket(layer, seq[layer]++ & 0xFFFF, frame);
                broadcaster.sendRtp(rtp, 0, rtp.length);
            }
            try {
                clock.awaitFrameAfter(frame);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One packet of a layer's frame; its payload names the layer (byte 8) and the frame (bytes 20-21). */
    /**
     * A frame's one packet of a layer: RFC 7741 §4.2 with T, temporal layers 0, 2, 1, 2 as
     * Chromium's L1T3, then the frame tag; the layer's name and the frame number in the payload.
     */
    static byte[] layerPacket(int layer, int seq, int frame) {
        boolean key = frame % KEYFRAME_EVERY == 0;
        byte[] payload = new byte[SIZES[layer]];
        byte temporal = (byte) (key ? 0 : TEMPORAL_PATTERN[frame % TEMPORAL_PATTERN.length] << 6);
        byte[] descriptor = key
                ? new byte[] {(byte) 0x90, 0x20, temporal, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A}
                : new byte[] {(byte) 0x90, 0x20, temporal, 0x51, 0x42, 0x00};
        System.arraycopy(descriptor, 0, payload, 0, descriptor.length);
        payload[LAYER_AT] = (byte) RIDS[layer].charAt(0);
        payload[20] = (byte) (frame >>> 8); // past the VP8 key frame header, whose sizes must stay 0
        payload[21] = (byte) frame;
        return RtpPackets.rtpWithRid(OfferSpec.VP8_PT, seq, frame * 3000L, 0x5100_0010L + layer, true,
                OfferSpec.RID_EXTENSION_ID, RIDS[layer], payload);
    }

    static int frameOf(byte[] rtp) {
        byte[] payload = RtpPackets.payload(rtp);
        return (payload[20] & 0xFF) << 8 | payload[21] & 0xFF;
    }

    static List<byte[]> drainVideo(TestPeer viewer) {
        List<byte[]> all = new ArrayList<>();
        viewer.receivedRtp().drainTo(all);
        long ssrc = viewer.answerSsrc("video");
        return all.stream().filter(p -> RtpPackets.ssrc(p) == ssrc).toList();
    }

    static byte layerOf(byte[] rtp) {
        return RtpPackets.payload(rtp)[LAYER_AT];
    }

    private static boolean isKeyframe(byte[] rtp) {
        return (RtpPackets.payload(rtp)[3] & 0x01) == 0;
    }
}
