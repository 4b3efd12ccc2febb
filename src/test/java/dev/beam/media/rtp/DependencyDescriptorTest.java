package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dependency descriptor (AV1 RTP payload format, appendix A) against hand-built bit strings. */
class DependencyDescriptorTest {
    private final DependencyDescriptor dd = new DependencyDescriptor();

    private static DependencyStructure l1t3(int offset) {
        return L1T3Descriptors.structure(offset);
    }

    @Test
    void mandatoryFieldsAreReadInPlace() {
        // S=1 E=0 template 3 | frame number 0x1234
        byte[] b = bytes(0x83, 0x12, 0x34);
        assertTrue(DependencyDescriptor.startOfFrame(b, 0, 3));
        assertFalse(DependencyDescriptor.endOfFrame(b, 0, 3));
        assertEquals(3, DependencyDescriptor.templateId(b, 0, 3));
        assertEquals(0x1234, DependencyDescriptor.frameNumber(b, 0, 3));
        assertFalse(DependencyDescriptor.attachesStructure(b, 0, 3));
        assertFalse(dd.parse(b, 0, 3, null), "no structure known: the frame cannot be resolved");
        assertEquals(0x1234, dd.frameNumber());

        DependencyDescriptor.shiftFrameNumber(b, 0, 3, 0x10000 - 0x1235);
        assertArrayEquals(bytes(0x83, 0xFF, 0xFF), b, "wraps at 2^16");
        assertEquals(-1, DependencyDescriptor.frameNumber(b, 0, 2));
        assertFalse(DependencyDescriptor.startOfFrame(b, 1, 3), "past the array");
    }

    @Test
    void chromiumsL1T3KeyframeDescriptorCarriesItsStructure() {
        byte[] key = L1T3Descriptors.keyframe(0, 7, true, false);
        assertEquals(20, key.length, "160 bits: more than the one-byte form's 16 bytes");
        // The first bytes, by hand: S=1 E=0 template 0; frame 7; flags 10000 then offset 000...
        assertArrayEquals(bytes(0x80, 0x00, 0x07, 0x80), Arrays.copyOf(key, 4));
        assertTrue(DependencyDescriptor.attachesStructure(key, 0, key.length));
        assertTrue(dd.parse(key, 0, key.length, null));
        DependencyStructure s = dd.attachedStructure();
        assertNotNull(s);
        assertSame(s, dd.structure());
        assertEquals(0, s.templateIdOffset());
        assertEquals(3, s.decodeTargetCount());
        assertEquals(5, s.templateCount());
        int[] temporal = new int[5];
        int[] fdiffs = new int[5];
        StringBuilder dtis = new StringBuilder();
        for (int t = 0; t < 5; t++) {
            assertEquals(0, s.spatialId(t));
            temporal[t] = s.temporalId(t);
            fdiffs[t] = s.fdiffCount(t) == 0 ? 0 : s.fdiff(t, 0);
            assertTrue(s.fdiffCount(t) <= 1);
            for (int d = 0; d < 3; d++) {
                dtis.append("-DSR".charAt(s.dti(t, d)));
            }
            dtis.append(' ');
        }
        assertArrayEquals(new int[] {0, 0, 1, 2, 2}, temporal);
        assertEquals("SSS SSS -DS --D --D ", dtis.toString());
        assertArrayEquals(new int[] {0, 4, 2, 1, 1}, fdiffs);
        assertEquals(1, s.chainCount());
        for (int d = 0; d < 3; d++) {
            assertEquals(0, s.protectedBy(d));
            assertEquals(d, s.decodeTargetTemporalId(d), "DT d holds T0..Td");
            assertEquals(0, s.decodeTargetSpatialId(d));
        }
        assertArrayEquals(new int[] {0, 4, 2, 1, 3},
                new int[] {s.chainFdiff(0, 0), s.chainFdiff(1, 0), s.chainFdiff(2, 0), s.chainFdiff(3, 0),
                        s.chainFdiff(4, 0)});
        assertTrue(s.hasResolutions());
        assertEquals(1280, s.renderWidth(0));
        assertEquals(720, s.renderHeight(0));
        assertEquals(1, s.spatialLayers());
        // The keyframe itself: template 0, no references, every decode target active.
        assertTrue(dd.startOfFrame());
        assertFalse(dd.endOfFrame());
        assertEquals(7, dd.frameNumber());
        assertEquals(0, dd.templateIndex());
        assertEquals(0, dd.temporalId());
        assertEquals(0, dd.fdiffCount());
        assertEquals(0b111, dd.activeDecodeTargets());
        assertEquals(DependencyStructure.SWITCH, dd.dti(2));
        assertEquals(0, dd.chainFdiff(0));
    }

    @Test
    void laterFramesResolveThroughTheKeptStructure() {
        DependencyStructure s = l1t3(0);
        for (int i = 0; i < 4; i++) {
            int template = L1T3Descriptors.PATTERN_TEMPLATES[i];
            byte[] b = L1T3Descriptors.frame(0, template, 101 + i, true, true);
            assertEquals(3, b.length);
            assertTrue(dd.parse(b, 0, b.length, s));
            assertNull(dd.attachedStructure());
            assertEquals(L1T3Descriptors.PATTERN_LAYERS[i], dd.temporalId());
            assertEquals(s.fdiff(template, 0), dd.fdiff(0));
            assertEquals(-1, dd.activeDecodeTargets(), "left as it was");
            for (int d = 0; d < 3; d++) {
                assertEquals(s.dti(template, d), DependencyDescriptor.dti(b, 0, b.length, s, d));
            }
        }
    }

    @Test
    void templateIdsWrapAroundTheOffset() {
        DependencyStructure s = l1t3(62);
        assertEquals(0, s.templateIndex(62));
        assertEquals(1, s.templateIndex(63));
        assertEquals(2, s.templateIndex(0));
        assertEquals(4, s.templateIndex(2));
        assertEquals(-1, s.templateIndex(3), "no sixth template");
        assertEquals(-1, s.templateIndex(61));
        byte[] t1 = L1T3Descriptors.frame(62, 2, 9, true, true);
        assertEquals(0, DependencyDescriptor.templateId(t1, 0, 3));
        assertTrue(dd.parse(t1, 0, 3, s));
        assertEquals(1, dd.temporalId());
        byte[] unknown = L1T3Descriptors.frame(62, 5, 9, true, true);
        assertFalse(dd.parse(unknown, 0, 3, s));
        assertEquals(-1, DependencyDescriptor.dti(unknown, 0, 3, s, 0));
    }

    @Test
    void customFieldsAndTheActiveMaskOverrideTheTemplate() {
        DependencyStructure s = l1t3(0);
        // A T1 frame (template 2) that says: DTs 0 and 1 active; DTIs R S D; fdiffs 1 and 200; chain fdiff 9.
        BitString b = new BitString()
                .flag(true).flag(true).bits(2, 6).bits(500, 16)
                .flag(false).flag(true).flag(true).flag(true).flag(true)
                .bits(0b011, 3)
                .bits(3, 2).bits(2, 2).bits(1, 2)
                .bits(1, 2).bits(0, 4)        // next_fdiff_size 1: fdiff 1
                .bits(2, 2).bits(199, 8)      // next_fdiff_size 2: fdiff 200
                .bits(0, 2)                   // no more
                .bits(9, 8);
        byte[] bytes = b.bytes();
        assertTrue(dd.parse(bytes, 0, bytes.length, s));
        assertEquals(500, dd.frameNumber());
        assertEquals(0b011, dd.activeDecodeTargets());
        assertTrue(dd.hasCustomDtis() && dd.hasCustomFdiffs() && dd.hasCustomChains());
        assertEquals(1, dd.temporalId());
        assertArrayEquals(new int[] {3, 2, 1}, new int[] {dd.dti(0), dd.dti(1), dd.dti(2)});
        assertEquals(2, dd.fdiffCount());
        assertEquals(1, dd.fdiff(0));
        assertEquals(200, dd.fdiff(1));
        assertEquals(9, dd.chainFdiff(0));
        for (int d = 0; d < 3; d++) {
            assertEquals(dd.dti(d), DependencyDescriptor.dti(bytes, 0, bytes.length, s, d), "read in place too");
        }
        assertFalse(dd.parse(bytes, 0, bytes.length, null), "an active mask needs a known structure");
    }

    @Test
    void aNewStructureTakesOverAndAnEmptyChainListReadsNoMore() {
        // One template, one decode target, no chains (ns(2) = 0 in one bit), no resolutions; offset 10.
        BitString b = new BitString()
                .flag(true).flag(true).bits(10, 6).bits(1, 16)
                .flag(true).flag(false).flag(false).flag(false).flag(false)
                .bits(10, 6).bits(0, 5)
                .bits(3, 2)          // template_layers: one template, the end
                .bits(3, 2)          // its DTI: required
                .flag(false)         // no fdiffs
                .nonSymmetric(0, 2)  // chain_cnt 0
                .flag(false);        // no resolutions
        byte[] bytes = b.bytes();
        assertTrue(dd.parse(bytes, 0, bytes.length, l1t3(0)));
        DependencyStructure s = dd.attachedStructure();
        assertEquals(10, s.templateIdOffset());
        assertEquals(1, s.templateCount());
        assertEquals(0, s.chainCount());
        assertFalse(s.hasResolutions());
        assertEquals(DependencyStructure.REQUIRED, dd.dti(0));
        assertEquals(-1, DependencyDescriptor.dti(bytes, 0, bytes.length, s, 0), "attached: parse reads it");
    }

    @Test
    void everyTruncationFailsCleanly() {
        byte[] key = L1T3Descriptors.keyframe(5, 1, true, true);
        for (int len = 0; len < key.length; len++) {
            assertFalse(dd.parse(key, 0, len, null), "cut at " + len);
        }
        assertTrue(dd.parse(key, 0, key.length, null));
    }

    /** Bounded random input, raw and mutated from real descriptors: nothing throws. */
    @Test
    void fuzzedInputNeverThrows() {
        Random random = new Random(8285);
        DependencyStructure s = l1t3(0);
        byte[] key = L1T3Descriptors.keyframe(0, 1, true, true);
        byte[] buf = new byte[64];
        int parsed = 0;
        for (int i = 0; i < 200_000; i++) {
            int len = random.nextInt(buf.length + 1);
            if (i % 2 == 0) {
                random.nextBytes(buf);
            } else {
                System.arraycopy(key, 0, buf, 0, key.length);
                buf[random.nextInt(key.length)] ^= (byte) (1 << random.nextInt(8));
                len = Math.min(len, key.length + 2);
            }
            int off = len == buf.length ? 0 : random.nextInt(buf.length - len + 1);
            if (dd.parse(buf, off, len, i % 3 == 0 ? null : s)) {
                parsed++;
                assertTrue(dd.templateIndex() >= 0 && dd.temporalId() < 8 && dd.fdiffCount() <= 16);
            }
            DependencyDescriptor.dti(buf, off, len, s, random.nextInt(4) - 1);
            DependencyDescriptor.templateId(buf, off, len);
            DependencyDescriptor.shiftFrameNumber(buf, off, len, random.nextInt());
        }
        assertTrue(parsed > 1000, "some inputs parse: " + parsed);
    }

    @Test
    void aFrameWithoutAStructureParsesWithoutAllocating() {
        var mx = ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean tmx) || !tmx.isThreadAllocatedMemorySupported()) {
            return; // not measurable on this JVM
        }
        DependencyStructure s = l1t3(0);
        byte[] frame = L1T3Descriptors.frame(0, 2, 3, true, true);
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 1_000; i++) {
            dd.parse(frame, 0, frame.length, s);
        }
        long before = tmx.getThreadAllocatedBytes(tid);
        int sum = 0;
        for (int i = 0; i < 100_000; i++) {
            dd.parse(frame, 0, frame.length, s);
            sum += dd.temporalId() + DependencyDescriptor.dti(frame, 0, frame.length, s, 2);
        }
        long allocated = tmx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 100k descriptors");
        assertEquals(100_000 * 3, sum);
    }
}
