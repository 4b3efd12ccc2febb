package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpHeaderWriterTest {
    /** Source id -> viewer id: drop 1, 3 becomes 4, 5 becomes 2. */
    private static final byte[] ID_MAP = {0, 0, 0, 4, 0, 2};

    /** RtpPacketTest.FULL rewritten with PT 96, SSRC 0x0A0B0C0D, remapped ids and transport-cc. */
    private static final byte[] EXPECTED = bytes(
            0xB2,                   // V=2 P=1 X=1 CC=2, unchanged
            0x60,                   // M=0 kept, PT=96
            0xFF, 0xFF,             // sequence number kept
            0x00, 0x00, 0x00, 0x01, // timestamp kept
            0x0A, 0x0B, 0x0C, 0x0D, // new SSRC
            0x11, 0x11, 0x11, 0x11, // CSRC 1 kept
            0x22, 0x22, 0x22, 0x22, // CSRC 2 kept
            0xBE, 0xDE, 0x00, 0x03, // new one-byte block, 3 words
            0x42, 0x01, 0x02, 0x03, // source id 3 as id 4, L=2
            0x21, 0xB0, 0xB1,       // source id 5 as id 2, L=1
            0x91, 0x12, 0x34,       // id 9 added, 2 bytes
            0x00, 0x00,             // block padding
            0xDE, 0xAD,             // payload intact
            0x00, 0x00, 0x03);      // RTP padding intact

    @Test
    void rewritesPtSsrcAndExtensionBlockInOneCopy() {
        ExtensionElements el = new ExtensionElements();
        assertTrue(el.addRemapped(RtpPacketTest.FULL, 0, RtpPacketTest.FULL.length, ID_MAP));
        assertTrue(el.addValue(9, 0x1234, 2));
        byte[] dst = new byte[100];
        Arrays.fill(dst, (byte) 0x77);
        int n = RtpHeaderWriter.rewrite(RtpPacketTest.FULL, 0, RtpPacketTest.FULL.length, dst, 3,
                96, 0x0A0B0C0DL, el);
        assertEquals(EXPECTED.length, n);
        assertArrayEquals(EXPECTED, Arrays.copyOfRange(dst, 3, 3 + n));
        assertEquals(0x77, dst[2]);
        assertEquals(0x77, dst[3 + n]);
        assertTrue(RtpPacket.isValid(dst, 3, n));
    }

    @Test
    void noElementsMeansNoExtensionAndXCleared() {
        byte[] expected = bytes(
                0xA2,                   // V=2 P=1 X=0 CC=2
                0x60, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01,
                0x00, 0x00, 0x00, 0x07, // SSRC 7
                0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
                0xDE, 0xAD, 0x00, 0x00, 0x03);
        byte[] dst = new byte[expected.length];
        ExtensionElements empty = new ExtensionElements();
        assertEquals(expected.length, RtpHeaderWriter.rewrite(RtpPacketTest.FULL, 0,
                RtpPacketTest.FULL.length, dst, 0, 96, 7, empty));
        assertArrayEquals(expected, dst);
        assertEquals(expected.length, RtpHeaderWriter.rewrite(RtpPacketTest.FULL, 0,
                RtpPacketTest.FULL.length, dst, 0, 96, 7, null));
        assertArrayEquals(expected, dst);
    }

    @Test
    void addsABlockToAPacketWithoutOneAndKeepsTheMarker() {
        byte[] src = RtpPacketTest.SIMPLE; // M=1 PT=96, payload 01 02 03
        ExtensionElements el = new ExtensionElements();
        el.addValue(1, 0xABCDEF, 3);
        byte[] expected = bytes(
                0x90,                   // X now set
                0xE4,                   // M=1, PT=100
                0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF,
                0x00, 0x00, 0x00, 0x09, // SSRC 9
                0xBE, 0xDE, 0x00, 0x01, // one word
                0x12, 0xAB, 0xCD, 0xEF, // id 1, L=2, exactly fills the word
                0x01, 0x02, 0x03);
        byte[] dst = new byte[expected.length];
        assertEquals(expected.length, RtpHeaderWriter.rewrite(src, 0, src.length, dst, 0, 100, 9, el));
        assertArrayEquals(expected, dst);
    }

    @Test
    void rewritesInPlaceGrowingAndShrinking() {
        ExtensionElements el = new ExtensionElements();
        el.addRemapped(RtpPacketTest.FULL, 0, RtpPacketTest.FULL.length, ID_MAP);
        el.addValue(9, 0x1234, 2);
        byte[] buf = Arrays.copyOf(RtpPacketTest.SIMPLE, 64); // grows by 4 + 16
        byte[] expected = bytes(
                0x90, 0xE0, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x00, 0x00, 0x05,
                0xBE, 0xDE, 0x00, 0x03,
                0x42, 0x01, 0x02, 0x03, 0x21, 0xB0, 0xB1, 0x91, 0x12, 0x34, 0x00, 0x00,
                0x01, 0x02, 0x03);
        int n = RtpHeaderWriter.rewrite(buf, 0, RtpPacketTest.SIMPLE.length, buf, 0, 96, 5, el);
        assertArrayEquals(expected, Arrays.copyOf(buf, n));

        el.clear();
        int m = RtpHeaderWriter.rewrite(buf, 0, n, buf, 0, 96, 0xCAFEBABEL, el); // shrinks back
        assertArrayEquals(RtpPacketTest.SIMPLE, Arrays.copyOf(buf, m));
    }

    @Test
    void refusesInvalidSourcesSmallDestinationsAndShiftedOverlaps() {
        byte[] src = RtpPacketTest.FULL;
        byte[] dst = new byte[src.length - 1];
        assertEquals(25, RtpHeaderWriter.rewrite(src, 0, src.length, dst, 0, 96, 1, null));
        ExtensionElements el = new ExtensionElements();
        el.addRemapped(src, 0, src.length, ID_MAP);
        el.addValue(9, 0x1234, 2);
        assertEquals(-1, RtpHeaderWriter.rewrite(src, 0, src.length, dst, 0, 96, 1, el)); // 41 > 40
        assertEquals(-1, RtpHeaderWriter.rewrite(src, 0, 11, new byte[64], 0, 96, 1, el));
        byte[] shared = Arrays.copyOf(src, 128);
        assertEquals(-1, RtpHeaderWriter.rewrite(shared, 0, src.length, shared, 4, 96, 1, el));
        assertTrue(RtpHeaderWriter.rewrite(shared, 0, src.length, shared, 64, 96, 1, el) > 0);
    }

    @Test
    void extensionElementsRejectWhatNoFormCanCarry() {
        ExtensionElements el = new ExtensionElements();
        byte[] d = new byte[256];
        assertFalse(el.add(0, d, 0, 1));
        assertFalse(el.add(256, d, 0, 1));
        assertFalse(el.add(1, d, 0, 256));
        assertTrue(el.add(15, d, 0, 1), "two-byte form");
        assertTrue(el.add(1, d, 0, 0), "two-byte form");
        assertTrue(el.add(1, d, 0, 255));
        for (int i = 3; i < ExtensionElements.MAX_ELEMENTS; i++) {
            assertTrue(el.add(2, d, 0, 1));
        }
        assertFalse(el.add(3, d, 0, 1));
        assertEquals(ExtensionElements.MAX_ELEMENTS, el.size());
        el.clear();
        for (int i = 0; i < ExtensionElements.MAX_BYTES / 255; i++) {
            assertTrue(el.add(1, d, 0, 255));
        }
        assertFalse(el.add(1, d, 0, ExtensionElements.MAX_BYTES % 255 + 1), "storage full");
        // A two-byte-form source passes through whole: the empty element and id 32 (as 3).
        el.clear();
        assertTrue(el.addRemapped(RtpPacketTest.TWO_BYTE, 0, RtpPacketTest.TWO_BYTE.length,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 3}));
        assertEquals(2, el.size());
        assertEquals(0, el.length(0));
        assertEquals(3, el.id(1));
    }

    @Test
    void perPacketPathAllocatesNothing() {
        var mx = ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean tmx)
                || !tmx.isThreadAllocatedMemorySupported()) {
            return; // not measurable on this JVM
        }
        ExtensionElements el = new ExtensionElements();
        byte[] src = RtpPacketTest.FULL;
        byte[] dst = new byte[100];
        long tid = Thread.currentThread().getId();
        Runnable onePacket = () -> {
            el.clear();
            el.addRemapped(src, 0, src.length, ID_MAP);
            el.addValue(9, 0x1234, 2);
            RtpHeaderWriter.rewrite(src, 0, src.length, dst, 0, 96, 5, el);
            RtpPacket.findExtension(src, 0, src.length, 5);
        };
        for (int i = 0; i < 1_000; i++) {
            onePacket.run();
        }
        long before = tmx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            onePacket.run();
        }
        long allocated = tmx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 100k packets");
    }
}
