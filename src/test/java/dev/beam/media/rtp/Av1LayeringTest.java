package dev.beam.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Temporal layers of AV1 from the dependency descriptor and the structure kept for the stream. */
class Av1LayeringTest {
    private static final int ID = 12;
    private static final int ALL = Integer.MAX_VALUE;
    private final Av1Layering layering = new Av1Layering(ID);

    /** An RTP packet with the descriptor as its one element, two-byte form when it needs it. */
    private static byte[] packet(byte[] descriptor) {
        byte[] plain = TestBytes.bytes(0x80, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x10);
        ExtensionElements el = new ExtensionElements();
        el.add(ID, descriptor, 0, descriptor.length);
        byte[] rtp = new byte[64];
        int n = RtpHeaderWriter.rewrite(plain, 0, plain.length, rtp, 0, 96, 1, el);
        return Arrays.copyOf(rtp, n);
    }

    private static byte[] frame(int template, boolean start) {
        return packet(L1T3Descriptors.frame(0, template, 10, start, !start));
    }

    private void keepL1T3() {
        layering.keep(L1T3Descriptors.structure(0));
    }

    @Test
    void readsNothingBeforeAStructureAndWithoutADescriptor() {
        byte[] t2 = frame(3, true);
        assertEquals(0, layering.temporalLayer(t2, 0, t2.length), "no structure yet: layer 0, kept");
        assertEquals(3, layering.raisedCap(t2, 0, t2.length, 3, ALL));
        assertTrue(layering.startsFrame(t2, 0, t2.length), "start_of_frame needs no structure");
        keepL1T3();
        assertEquals(2, layering.temporalLayer(t2, 0, t2.length));
        byte[] none = TestBytes.bytes(0x80, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x10);
        assertEquals(0, layering.temporalLayer(none, 0, none.length));
        assertFalse(layering.startsFrame(none, 0, none.length));
        byte[] unknownTemplate = frame(7, true);
        assertEquals(0, layering.temporalLayer(unknownTemplate, 0, unknownTemplate.length));
    }

    @Test
    void layersAndFrameStartsOfTheL1T3Pattern() {
        keepL1T3();
        for (int i = 0; i < 4; i++) {
            byte[] start = frame(L1T3Descriptors.PATTERN_TEMPLATES[i], true);
            byte[] end = frame(L1T3Descriptors.PATTERN_TEMPLATES[i], false);
            assertEquals(L1T3Descriptors.PATTERN_LAYERS[i], layering.temporalLayer(start, 0, start.length));
            assertEquals(L1T3Descriptors.PATTERN_LAYERS[i], layering.temporalLayer(end, 0, end.length));
            assertTrue(layering.startsFrame(start, 0, start.length));
            assertFalse(layering.startsFrame(end, 0, end.length));
        }
    }

    /**
     * Up at a Switch indication (A.7) for a decode target above the cap and within the target: T0 (SSS) to
     * anything, T1 (-DS) only to all three layers, T2 (--D) nowhere.
     */
    @Test
    void movesUpAtSwitchIndicationsOnly() {
        keepL1T3();
        byte[] t0 = frame(1, true);
        byte[] t1 = frame(2, true);
        byte[] t2 = frame(3, true);
        assertEquals(1, layering.raisedCap(t0, 0, t0.length, 0, 1));
        assertEquals(ALL, layering.raisedCap(t0, 0, t0.length, 0, ALL), "the top decode target: all layers");
        assertEquals(ALL, layering.raisedCap(t0, 0, t0.length, 1, ALL));
        assertEquals(0, layering.raisedCap(t1, 0, t1.length, 0, 1), "D for DT1: not a switch to it");
        assertEquals(ALL, layering.raisedCap(t1, 0, t1.length, 0, ALL), "S for DT2");
        assertEquals(ALL, layering.raisedCap(t1, 0, t1.length, 1, ALL));
        assertEquals(1, layering.raisedCap(t2, 0, t2.length, 1, ALL), "a T2 frame is no switch point");
        assertEquals(0, layering.raisedCap(t2, 0, t2.length, 0, ALL));
        byte[] key = packet(L1T3Descriptors.keyframe(0, 1, true, false));
        assertEquals(0, layering.raisedCap(key, 0, key.length, 0, ALL), "keyframes are the caller's");
    }

    /** Random and mutated packets, with and without a structure: every method answers, none throws. */
    @Test
    void fuzzedPacketsNeverThrow() {
        Random random = new Random(1);
        byte[] key = packet(L1T3Descriptors.keyframe(0, 1, true, false));
        byte[] buf = new byte[80];
        for (int i = 0; i < 100_000; i++) {
            if (i == 50_000) {
                keepL1T3();
            }
            int len;
            if (i % 2 == 0) {
                random.nextBytes(buf);
                buf[0] = (byte) (0x90 | buf[0] & 0x2F);
                len = random.nextInt(buf.length + 1);
            } else {
                System.arraycopy(key, 0, buf, 0, key.length);
                buf[12 + random.nextInt(key.length - 12)] ^= (byte) (1 << random.nextInt(8));
                len = key.length;
            }
            int layer = layering.temporalLayer(buf, 0, len);
            assertTrue(layer >= 0 && layer < 8);
            layering.startsFrame(buf, 0, len);
            int cap = layering.raisedCap(buf, 0, len, 1, ALL);
            assertTrue(cap == 1 || cap == ALL, "up to all or not at all: " + cap);
        }
    }
}
