package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.RtpPacket;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The per-SSRC stages of the receive path, in the order the path runs them. */
class ReceiveStreamTest {
    private static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false);
    private static final byte[] VP8_KEYFRAME = {0x10, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x00, 0x05};
    private static final byte[] VP8_DELTA = {0x10, 0x51, 0x42, 0x00, 0x11};

    private final PacketPool pool = new PacketPool(64);
    private final AtomicInteger plis = new AtomicInteger();
    private final ReceiveStreams streams = new ReceiveStreams(List.of(VIDEO),
            (ssrc, track) -> new KeyframeRequester(() -> 0, 300_000_000, 1_000_000_000, false, new LongAdder(),
                    (fir, seq) -> plis.incrementAndGet() > 0));

    private Packet received(int seq, byte[] payload) {
        byte[] rtp = new byte[RtpPacket.FIXED_HEADER + payload.length];
        RtpPacket.writeFixedHeader(rtp, 0, false, 96, seq, seq * 3000L, 0xAAAA);
        System.arraycopy(payload, 0, rtp, RtpPacket.FIXED_HEADER, payload.length);
        Packet packet = pool.take(rtp, 0, rtp.length, seq * 1_000_000L);
        assertTrue(streams.attach(packet));
        return packet;
    }

    /** Runs the stages as the broadcaster's receive path does; false when the packet is dropped. */
    private boolean receive(Packet packet) {
        ReceiveStream stream = packet.stream();
        if (!stream.firstCopy(packet)) {
            return false;
        }
        stream.count(packet);
        stream.detectLoss(packet);
        stream.detectKeyframe(packet);
        stream.keep(packet);
        return true;
    }

    @Test
    void onlyTheFirstCopyOfASequenceNumberGoesOnAndIsKept() {
        Packet first = received(10, VP8_DELTA);
        assertTrue(receive(first));
        assertFalse(receive(received(10, VP8_KEYFRAME)), "a second packet under number 10 is dropped");
        byte[] copy = new byte[Packet.CAPACITY];
        int length = first.stream().copy(10, first.epoch(), copy, 0);
        assertArrayEquals(Arrays.copyOf(first.buf, first.length), Arrays.copyOf(copy, length),
                "the history holds the first copy");
    }

    @Test
    void keyframesAreMarkedWhereTheyStartAndAnswerThePendingRequest() {
        Packet delta = received(1, VP8_DELTA);
        receive(delta);
        assertFalse(delta.isKeyframeStart());
        assertTrue(delta.stream().requestKeyframe());
        assertFalse(delta.stream().requestKeyframe(), "pending");
        Packet key = received(2, VP8_KEYFRAME);
        receive(key);
        assertTrue(key.isKeyframeStart());
        assertTrue(key.stream().requestKeyframe(), "the keyframe answered the pending request");
        assertEquals(2, plis.get());
    }

    /** Chromium 156's H.264 key frame as it sent it (src/test/resources/rtp): SPS/PPS, then the IDR in FU-A. */
    @Test
    void anH264KeyframeIsMarkedOnceAtItsFirstPacket() {
        SourceTrack h264 = new SourceTrack(MediaStats.Kind.VIDEO, "1", 108, "H264", 90_000, true, false);
        ReceiveStreams h264Streams = new ReceiveStreams(List.of(h264), (ssrc, track) -> new KeyframeRequester(
                () -> 0, 0, 0, false, new LongAdder(), (fir, seq) -> true));
        byte[][] frame = {
            HexFormat.of().parseHex("7800136742c01f8c8d405017fcb35060606078442350000468ce3c80"), // STAP-A: SPS, PPS
            HexFormat.of().parseHex("7c85b8000400000ce231"), // FU-A, S=1, IDR
            HexFormat.of().parseHex("7c05004a0dffbfd03d0f"), // FU-A middle
            HexFormat.of().parseHex("7c457d39ccfb6eff001a"), // FU-A, E=1
        };
        List<Boolean> marked = new java.util.ArrayList<>();
        for (int i = 0; i < frame.length; i++) {
            byte[] rtp = new byte[RtpPacket.FIXED_HEADER + frame[i].length];
            RtpPacket.writeFixedHeader(rtp, 0, i == frame.length - 1, 108, 500 + i, 123_000, 0xBBBB);
            System.arraycopy(frame[i], 0, rtp, RtpPacket.FIXED_HEADER, frame[i].length);
            Packet packet = pool.take(rtp, 0, rtp.length, 0);
            h264Streams.attach(packet);
            packet.stream().detectKeyframe(packet);
            marked.add(packet.isKeyframeStart());
        }
        assertEquals(List.of(true, false, false, false), marked, "a viewer starts at the SPS, not at the IDR after it");
    }

    @Test
    void aRestartedNumberingStartsANewEpochAndTheOldHistoryIsGone() {
        for (int seq = 20_000; seq < 20_010; seq++) {
            receive(received(seq, VP8_DELTA));
        }
        Packet last = received(20_010, VP8_DELTA);
        receive(last);
        int oldEpoch = last.epoch();
        assertFalse(receive(received(7, VP8_DELTA)));
        Packet restarted = received(8, VP8_KEYFRAME);
        assertTrue(receive(restarted));
        assertEquals(oldEpoch + 1, restarted.epoch());
        byte[] copy = new byte[Packet.CAPACITY];
        assertEquals(-1, last.stream().copy(20_010, oldEpoch, copy, 0), "old numbers no longer name packets");
        assertTrue(last.stream().copy(8, restarted.epoch(), copy, 0) > 0);
        assertEquals(-1, last.stream().copy(8, oldEpoch, copy, 0), "nor do new numbers in the old epoch");
    }
}
