package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.rtp.L1T3Descriptors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AV1 keyframes as the receive path marks them: with the dependency descriptor, a frame's first packet that
 * attaches a structure and refers to no other frame; without it, the aggregation header's N bit.
 */
class Av1KeyframeDetectionTest {
    private static final byte[] N_SET = {0x18, 0x0A, 0x0B};
    private static final byte[] N_CLEAR = {0x10, 0x0A, 0x0B};
    private int seq = 100;

    private Packet received(SimulcastFixture fixture, byte[] payload, byte[] descriptor) {
        return descriptor == null
                ? fixture.received("h", seq++, seq * 3000L, payload, true, 0)
                : fixture.received("h", seq++, seq * 3000L, payload, true, 0, descriptor);
    }

    private boolean keyframeStart(SimulcastFixture fixture, byte[] payload, byte[] descriptor) {
        Packet packet = received(fixture, payload, descriptor);
        boolean key = packet.isKeyframeStart();
        packet.release();
        return key;
    }

    @Test
    void withTheDescriptorTheStructureAndNoReferencesMakeAKeyframe() {
        SimulcastFixture fixture = new SimulcastFixture(SimulcastFixture.AV1);
        assertTrue(keyframeStart(fixture, N_SET, L1T3Descriptors.keyframe(0, 1, true, false)));
        assertFalse(keyframeStart(fixture, N_SET, L1T3Descriptors.frame(0, 0, 1, false, true)),
                "the keyframe's next packet");
        assertFalse(keyframeStart(fixture, N_SET, L1T3Descriptors.frame(0, 0, 2, true, true)),
                "N without a structure: a viewer could not read the descriptors after it");
        assertFalse(keyframeStart(fixture, N_CLEAR, L1T3Descriptors.frame(0, 1, 3, true, true)));
        assertTrue(keyframeStart(fixture, N_CLEAR, L1T3Descriptors.keyframe(0, 4, true, true)),
                "the descriptor decides, not N");
        ReceiveStream stream = fixture.stream("h");
        byte[] t2 = L1T3Descriptors.frame(0, 3, 5, true, true);
        Packet packet = received(fixture, N_CLEAR, t2);
        assertEquals(2, stream.layering().temporalLayer(packet.buf, 0, packet.length), "the structure was kept");
        packet.release();
    }

    @Test
    void withoutTheDescriptorTheNBitMakesAKeyframe() {
        SimulcastFixture withExtension = new SimulcastFixture(SimulcastFixture.AV1);
        assertTrue(keyframeStart(withExtension, N_SET, null), "negotiated but not sent: the N bit");
        assertFalse(keyframeStart(withExtension, N_CLEAR, null));
        SimulcastFixture without = new SimulcastFixture(new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "AV1",
                90_000, true, false, List.of("h"), SimulcastFixture.RID_EXTENSION));
        assertTrue(keyframeStart(without, N_SET, null));
        assertFalse(keyframeStart(without, N_CLEAR, null));
        assertTrue(keyframeStart(without, N_SET, L1T3Descriptors.frame(0, 0, 2, true, true)),
                "a descriptor not negotiated is not read");
    }
}
