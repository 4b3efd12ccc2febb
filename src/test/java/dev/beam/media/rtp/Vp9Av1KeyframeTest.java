package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Keyframe starts of VP9 (RFC 9628 section 4.2) and AV1 (AV1 RTP payload section 4.4) payloads, at an offset. */
class Vp9Av1KeyframeTest {
    private static boolean vp9(int... payload) {
        byte[] p = TestBytes.concat(bytes(0xEE, 0xEE), bytes(payload));
        return Vp9.isKeyframe(p, 2, p.length - 2);
    }

    private static boolean av1(int... payload) {
        byte[] p = TestBytes.concat(bytes(0xEE), bytes(payload));
        return Av1.isKeyframe(p, 1, p.length - 1);
    }

    @Test
    void vp9StartsAKeyframeWhereAFrameBeginsWithoutInterPrediction() {
        assertTrue(vp9(0x08, 0x00), "B only: one layer, not predicted");
        assertTrue(vp9(0x8C, 0x80, 0x01, 0x00), "I with a 15-bit picture id, B, E");
        assertFalse(vp9(0x48, 0x00), "P: inter-picture predicted");
        assertFalse(vp9(0x00, 0x00), "not the beginning of a frame");
        assertFalse(vp9(0x04, 0x00), "the end of a frame only");
    }

    @Test
    void vp9CountsOnlyTheLowestSpatialLayer() {
        // I, L, B; picture id 0x05; layer indices TID=0 U=0 SID=0 D=0; TL0PICIDX
        assertTrue(vp9(0xA8, 0x05, 0x00, 0x11));
        // the same frame's spatial layer 1 (SID in bits 3..1)
        assertFalse(vp9(0xA8, 0x05, 0x02, 0x11));
        // a 15-bit picture id before the layer byte: SID 0
        assertTrue(vp9(0xA8, 0x81, 0x02, 0x00, 0x11));
        assertFalse(vp9(0xA8, 0x81), "truncated before the layer byte");
    }

    @Test
    void av1StartsAKeyframeWithANewCodedVideoSequence() {
        assertTrue(av1(0x18, 0x0A), "N=1, W=1, Z=0");
        assertTrue(av1(0x08), "N=1");
        assertFalse(av1(0x10, 0x0A), "N=0: within a sequence");
        assertFalse(av1(0x88), "Z=1: continues an OBU from the packet before");
    }

    @Test
    void neitherThrowsOnAnyInput() {
        Random random = new Random(0x9A1);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[random.nextInt(6)];
            random.nextBytes(bytes);
            int off = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int len = random.nextInt(8) - 1;
            Vp9.isKeyframe(bytes, off, len);
            Av1.isKeyframe(bytes, off, len);
        }
        assertFalse(Vp9.isKeyframe(null, 0, 1));
        assertFalse(Av1.isKeyframe(new byte[0], 0, 0));
    }
}
