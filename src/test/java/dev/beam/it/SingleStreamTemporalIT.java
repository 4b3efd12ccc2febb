package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Java test peer publishes one VP8 stream, no simulcast, in three temporal layers as Chromium's
 * L1T3 (a browser that cannot simulcast, or a WHIP publisher): a viewer asking for low gets its
 * base temporal layer, fewer frames under consecutive sequence numbers and picture ids, and all of
 * it again after asking for high; a viewer under auto, its estimate not short, gets every frame.
 */
class SingleStreamTemporalIT {
    private static final long AUDIO_SSRC = 0x52000001L;
    private static final long VIDEO_SSRC = 0x52000002L;
    private static final int KEYFRAME_EVERY = 12;
    private static final int[] TEMPORAL_PATTERN = {0, 2, 1, 2};
    /** Bounded: the sender stops after this many frames (30 a second) whatever happens. */
    private static final int MAX_FRAMES = 30 * 30;
    /** The server's layer signals come once a second. */
    private static final Duration LAYER_SIGNAL_WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void lowGetsTheBaseTemporalLayerWithoutGapsAndHighAllOfItAgain() throws Exception {
        PeerBroadcast broadcast = PeerBroadcast.inNewRoom("single-temporal-it", open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        broadcast.produce(broadcaster);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);

        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().name("single-temporal-it sender").start(() -> send(broadcaster, sending));
        try {
            TestPeer lowViewer = open.keep(TestPeer.create(OfferSpec.receive()));
            PeerBroadcast.Viewing low = broadcast.watch(lowViewer);
            setQuality(low, "low");
            TestPeer autoViewer = open.keep(TestPeer.create(OfferSpec.receive()));
            broadcast.watch(autoViewer);
            TimeUnit.MILLISECONDS.sleep(2000);

            List<byte[]> lowVideo = new ArrayList<>(SimulcastIT.drainVideo(lowViewer));
            List<byte[]> autoVideo = SimulcastIT.drainVideo(autoViewer);
            assertTrue(autoVideo.size() > 30, "the auto viewer got video: " + autoVideo.size());
            assertTrue(autoVideo.stream().anyMatch(p -> temporalLayerOf(p) == 2), "every temporal layer under auto");
            assertContinuous(autoVideo);
            assertTrue(lowVideo.size() > 5, "the low viewer got video: " + lowVideo.size());
            assertTrue(lowVideo.stream().allMatch(p -> temporalLayerOf(p) == 0), "only the base temporal layer");
            assertTrue(lowVideo.size() < autoVideo.size() / 2, "fewer frames: " + lowVideo.size() + " of "
                    + autoVideo.size());
            assertContinuous(lowVideo);

            JsonObject told = low.signaling().next(m -> m.getString("type").equals("layer-changed")
                    && "low".equals(m.getString("quality", null)) && m.containsKey("temporalLayer")
                    && !m.isNull("temporalLayer"), LAYER_SIGNAL_WAIT);
            assertEquals(0, told.getInt("temporalLayer"), told.toString());
            assertTrue(!told.containsKey("layer") || told.isNull("layer"), "no rid: " + told);
            String info = SimulcastIT.operatorInfo(broadcast.room());
            assertTrue(info.contains("\"quality\":\"low\"") && info.contains("\"temporalLayer\":0"), info);

            setQuality(low, "high");
            TimeUnit.MILLISECONDS.sleep(1200);
            List<byte[]> after = SimulcastIT.drainVideo(lowViewer);
            assertTrue(after.stream().anyMatch(p -> temporalLayerOf(p) == 2), "every temporal layer again");
            lowVideo.addAll(after);
            assertContinuous(lowVideo);
        } finally {
            sending.set(false);
            sender.join(5000);
        }
    }

    private static void setQuality(PeerBroadcast.Viewing viewing, String quality) throws Exception {
        JsonObject reply = viewing.signaling().request("set-quality", "\"consumerId\":\""
                + viewing.consumed().getString("consumerId") + "\",\"quality\":\"" + quality + "\"");
        assertEquals("quality-set", reply.getString("type"), reply.toString());
        assertFalse(reply.getBoolean("simulcast"), reply.toString());
    }

    /** Sequence numbers and picture ids one after the other, whatever frames were left out. */
    private static void assertContinuous(List<byte[]> video) {
        for (int i = 1; i < video.size(); i++) {
            assertEquals((RtpPackets.sequenceNumber(video.get(i - 1)) + 1) & 0xFFFF,
                    RtpPackets.sequenceNumber(video.get(i)), "no gap in the viewer's numbering at packet " + i);
            assertEquals((pictureIdOf(video.get(i - 1)) + 1) & 0x7FFF, pictureIdOf(video.get(i)),
                    "no gap in picture ids at packet " + i);
        }
    }

    /**
     * One packet per frame, 30 frames a second, a keyframe every twelfth (a base layer frame);
     * each frame above the base a layer sync.
     */
    private static void send(TestPeer broadcaster, AtomicBoolean sending) {
        FrameClock clock = new FrameClock();
        for (int frame = 0; frame < MAX_FRAMES && sending.get(); frame++) {
            byte[] rtp = packet(frame);
            broadcaster.sendRtp(rtp, 0, rtp.length);
            try {
                clock.awaitFrameAfter(frame);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * RFC 7741 §4.2 with I (a 15-bit picture id), L (TL0PICIDX) and T: temporal layers 0, 2, 1, 2,
     * Y on the frames above the base; then the frame tag.
     */
    private static byte[] packet(int frame) {
        boolean key = frame % KEYFRAME_EVERY == 0;
        int temporal = key ? 0 : TEMPORAL_PATTERN[frame % TEMPORAL_PATTERN.length];
        int pictureId = frame & 0x7FFF;
        byte[] payload = new byte[200 + 300 * (2 - temporal)];
        byte[] descriptor = {(byte) 0x90, (byte) 0xE0, (byte) (0x80 | pictureId >> 8), (byte) pictureId,
            (byte) (frame / TEMPORAL_PATTERN.length), (byte) (temporal << 6 | (temporal > 0 ? 0x20 : 0))};
        byte[] tag = key ? new byte[] {0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A} : new byte[] {0x51, 0x42, 0x00};
        System.arraycopy(descriptor, 0, payload, 0, descriptor.length);
        System.arraycopy(tag, 0, payload, descriptor.length, tag.length);
        return RtpPackets.rtp(OfferSpec.VP8_PT, frame & 0xFFFF, frame * 3000L, VIDEO_SSRC, true, payload);
    }

    private static int pictureIdOf(byte[] rtp) {
        byte[] payload = RtpPackets.payload(rtp);
        return (payload[2] & 0x7F) << 8 | payload[3] & 0xFF;
    }

    private static int temporalLayerOf(byte[] rtp) {
        return (RtpPackets.payload(rtp)[5] & 0xFF) >> 6;
    }
}
