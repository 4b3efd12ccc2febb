package dev.beam.media.rtp;

import static dev.beam.media.rtp.RtpTestPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.media.rtp.RtpPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtxTest {
    /** RFC 3550 §5.1 packet: M=1, PT 96, seq 0x1234, with a one-byte extension (RFC 8285). */
    static final byte[] ORIGINAL = bytes(
            0x90, 0xE0, 0x12, 0x34, // V=2 X=1, M=1 PT=96, seq 0x1234
            0x00, 0x01, 0x5F, 0x90, // timestamp
            0x11, 0x22, 0x33, 0x44, // SSRC
            0xBE, 0xDE, 0x00, 0x01, // one-byte extension, 1 word
            0x10, 0x61, 0x00, 0x00, // id 1 len 1 "a", padding
            0xAA, 0xBB, 0xCC);      // payload

    /** RFC 4588 §4: same header but PT 97, SSRC and seq of the RTX stream; OSN then payload. */
    static final byte[] RTX = bytes(
            0x90, 0xE1, 0x00, 0x07, // M=1 PT=97, RTX seq 7
            0x00, 0x01, 0x5F, 0x90, // timestamp unchanged
            0x0B, 0xAD, 0xF0, 0x0D, // RTX SSRC
            0xBE, 0xDE, 0x00, 0x01, // extension unchanged
            0x10, 0x61, 0x00, 0x00,
            0x12, 0x34,             // OSN
            0xAA, 0xBB, 0xCC);

    private final byte[] out = new byte[1600];

    @Test
    void buildsTheRfc4588Layout() {
        int len = Rtx.writeRtx(ORIGINAL, 0, ORIGINAL.length, out, 5, 97, 0x0BADF00DL, 7);
        assertArrayEquals(RTX, Arrays.copyOfRange(out, 5, 5 + len));
        assertEquals(0x1234, Rtx.originalSequenceNumber(out, 5, len));
    }

    @Test
    void unwrapsBackByteForByte() {
        int len = Rtx.unwrapRtx(RTX, 0, RTX.length, out, 0, 96, 0x11223344L);
        assertArrayEquals(ORIGINAL, Arrays.copyOf(out, len));
    }

    @Test
    void roundTripsWithCsrcsAtTheSequenceWrap() {
        byte[] p = new byte[12 + 8 + 700];
        RtpPacket.writeFixedHeader(p, 0, false, 100, 65535, 123456789L, 0xDEADBEEFL);
        p[0] |= 2; // CC=2
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (i * 31);
        }
        int rtxLen = Rtx.writeRtx(p, 0, p.length, out, 0, 101, 42, 0);
        assertEquals(p.length + 2, rtxLen);
        assertEquals(0, RtpPacket.sequenceNumber(out, 0));
        assertEquals(65535, Rtx.originalSequenceNumber(out, 0, rtxLen));
        byte[] back = new byte[p.length];
        assertEquals(p.length, Rtx.unwrapRtx(out, 0, rtxLen, back, 0, 100, 0xDEADBEEFL));
        assertArrayEquals(p, back);
    }

    @Test
    void dropsTheOriginalsPaddingAndItsOwn() {
        byte[] padded = bytes(
                0xA0, 0x60, 0x00, 0x05, // V=2 P=1, PT 96, seq 5
                0x00, 0x00, 0x00, 0x01,
                0x00, 0x00, 0x00, 0x02,
                0x01, 0x02,             // payload
                0x00, 0x00, 0x00, 0x04);// padding: 4 octets incl. the count (RFC 3550 §5.1)
        int len = Rtx.writeRtx(padded, 0, padded.length, out, 0, 97, 3, 9);
        assertArrayEquals(bytes(
                0x80, 0x61, 0x00, 0x09, // P cleared
                0x00, 0x00, 0x00, 0x01,
                0x00, 0x00, 0x00, 0x03,
                0x00, 0x05, 0x01, 0x02), Arrays.copyOf(out, len));
        // An RTX packet padded by its sender unwraps without that padding.
        byte[] rtxPadded = bytes(
                0xA0, 0x61, 0x00, 0x09,
                0x00, 0x00, 0x00, 0x01,
                0x00, 0x00, 0x00, 0x03,
                0x00, 0x05, 0x01, 0x02,
                0x00, 0x02);
        int back = Rtx.unwrapRtx(rtxPadded, 0, rtxPadded.length, out, 0, 96, 2);
        assertArrayEquals(withoutPadBit(Arrays.copyOf(padded, 14)), Arrays.copyOf(out, back));
    }

    private static byte[] withoutPadBit(byte[] p) {
        p[0] &= ~0x20;
        return p;
    }

    @Test
    void worksInPlace() {
        byte[] buf = Arrays.copyOf(ORIGINAL, 64);
        int len = Rtx.writeRtx(buf, 0, ORIGINAL.length, buf, 0, 97, 0x0BADF00DL, 7);
        assertArrayEquals(RTX, Arrays.copyOf(buf, len));
        len = Rtx.unwrapRtx(buf, 0, len, buf, 0, 96, 0x11223344L);
        assertArrayEquals(ORIGINAL, Arrays.copyOf(buf, len));
    }

    @Test
    void refusesBadInput() {
        assertEquals(-1, Rtx.writeRtx(ORIGINAL, 0, ORIGINAL.length, new byte[ORIGINAL.length + 1], 0, 97, 1, 1));
        assertEquals(-1, Rtx.writeRtx(new byte[8], 0, 8, out, 0, 97, 1, 1));
        byte[] overlap = Arrays.copyOf(ORIGINAL, 64);
        assertEquals(-1, Rtx.writeRtx(overlap, 0, ORIGINAL.length, overlap, 4, 97, 1, 1));
        // A padding-only RTX packet (a bandwidth probe) has no OSN to unwrap.
        byte[] probe = bytes(0xA0, 0x61, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 4);
        assertEquals(-1, Rtx.unwrapRtx(probe, 0, probe.length, out, 0, 96, 2));
    }
}
