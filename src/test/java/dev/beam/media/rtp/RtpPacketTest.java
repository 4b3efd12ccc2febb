package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    /** RFC 3550 §5.1 fixed header only, field by field. */
    static final byte[] SIMPLE = bytes(
            0x80,                   // V=2 P=0 X=0 CC=0
            0xE0,                   // M=1 PT=96
            0x12, 0x34,             // sequence number 4660
            0xDE, 0xAD, 0xBE, 0xEF, // timestamp 0xDEADBEEF (> 2^31: must come back unsigned)
            0xCA, 0xFE, 0xBA, 0xBE, // SSRC 0xCAFEBABE
            0x01, 0x02, 0x03);      // payload

    /** CSRCs, an RFC 8285 §4.2 one-byte extension with padding between elements, RTP padding. */
    static final byte[] FULL = bytes(
            0xB2,                   // V=2 P=1 X=1 CC=2
            0x6F,                   // M=0 PT=111
            0xFF, 0xFF,             // sequence number 65535
            0x00, 0x00, 0x00, 0x01, // timestamp 1
            0x00, 0x00, 0x00, 0x02, // SSRC 2
            0x11, 0x11, 0x11, 0x11, // CSRC 1
            0x22, 0x22, 0x22, 0x22, // CSRC 2
            0xBE, 0xDE, 0x00, 0x03, // one-byte profile, 3 words of elements      @20
            0x10, 0xAA,             // id 1, L=0: 1 byte                         @24
            0x00, 0x00,             // padding between elements (§4.1)
            0x32, 0x01, 0x02, 0x03, // id 3, L=2: 3 bytes, data @29
            0x51, 0xB0, 0xB1,       // id 5, L=1: 2 bytes, data @33
            0x00,                   // padding to the 32-bit boundary
            0xDE, 0xAD,             // payload                                   @36
            0x00, 0x00, 0x03);      // RTP padding, last octet counts all three

    /** RFC 8285 §4.3 two-byte form with a zero-length element and a padding byte. */
    static final byte[] TWO_BYTE = bytes(
            0x90,                   // V=2 P=0 X=1 CC=0
            0x60,                   // M=0 PT=96
            0x00, 0x01,             // sequence number 1
            0x00, 0x00, 0x00, 0x00, // timestamp 0
            0x00, 0x00, 0x00, 0x01, // SSRC 1
            0x10, 0x00, 0x00, 0x02, // 0x100 + appbits 0, 2 words                 @12
            0x07, 0x00,             // id 7, length 0 (allowed in this form)      @16
            0x00,                   // padding
            0x20, 0x03, 0x01, 0x02, 0x03, // id 32, length 3, data @21
            0x99);                  // payload                                   @24

    @Test
    void parsesEveryFixedHeaderField() {
        byte[] p = SIMPLE;
        assertTrue(RtpPacket.isValid(p, 0, p.length));
        assertEquals(2, RtpPacket.version(p, 0));
        assertFalse(RtpPacket.padding(p, 0));
        assertFalse(RtpPacket.hasExtension(p, 0));
        assertEquals(0, RtpPacket.csrcCount(p, 0));
        assertTrue(RtpPacket.marker(p, 0));
        assertEquals(96, RtpPacket.payloadType(p, 0));
        assertEquals(4660, RtpPacket.sequenceNumber(p, 0));
        assertEquals(0xDEADBEEFL, RtpPacket.timestamp(p, 0));
        assertEquals(0xCAFEBABEL, RtpPacket.ssrc(p, 0));
        assertEquals(12, RtpPacket.headerLength(p, 0, p.length));
        assertEquals(12, RtpPacket.payloadOffset(p, 0, p.length));
        assertEquals(3, RtpPacket.payloadLength(p, 0, p.length));
        assertEquals(0, RtpPacket.paddingLength(p, 0, p.length));
    }

    @Test
    void serializesTheSameBytesWithTheSetters() {
        byte[] out = new byte[SIMPLE.length];
        RtpPacket.writeFixedHeader(out, 0, false, 0, 0, 0, 0);
        RtpPacket.setPayloadType(out, 0, 96);
        RtpPacket.setMarker(out, 0, true);
        RtpPacket.setSequenceNumber(out, 0, 4660);
        RtpPacket.setTimestamp(out, 0, 0xDEADBEEFL);
        RtpPacket.setSsrc(out, 0, 0xCAFEBABEL);
        System.arraycopy(SIMPLE, 12, out, 12, 3);
        assertArrayEquals(SIMPLE, out);

        RtpPacket.writeFixedHeader(out, 0, true, 96, 4660, 0xDEADBEEFL, 0xCAFEBABEL);
        assertArrayEquals(SIMPLE, out);

        // setPayloadType keeps the marker; setMarker keeps the payload type.
        RtpPacket.setPayloadType(out, 0, 111);
        assertTrue(RtpPacket.marker(out, 0));
        RtpPacket.setMarker(out, 0, false);
        assertEquals(111, RtpPacket.payloadType(out, 0));
    }

    @Test
    void parsesCsrcsExtensionAndPaddingAtAnOffset() {
        byte[] buf = TestBytes.concat(new byte[5], FULL, new byte[7]);
        int off = 5;
        int len = FULL.length;
        assertTrue(RtpPacket.isValid(buf, off, len));
        assertTrue(RtpPacket.padding(buf, off));
        assertTrue(RtpPacket.hasExtension(buf, off));
        assertEquals(2, RtpPacket.csrcCount(buf, off));
        assertFalse(RtpPacket.marker(buf, off));
        assertEquals(111, RtpPacket.payloadType(buf, off));
        assertEquals(65535, RtpPacket.sequenceNumber(buf, off));
        assertEquals(1, RtpPacket.timestamp(buf, off));
        assertEquals(2, RtpPacket.ssrc(buf, off));
        assertEquals(0x11111111L, RtpPacket.csrc(buf, off, 0));
        assertEquals(0x22222222L, RtpPacket.csrc(buf, off, 1));
        assertEquals(36, RtpPacket.headerLength(buf, off, len));
        assertEquals(off + 36, RtpPacket.payloadOffset(buf, off, len));
        assertEquals(2, RtpPacket.payloadLength(buf, off, len));
        assertEquals(3, RtpPacket.paddingLength(buf, off, len));
    }

    @Test
    void iteratesOneByteElementsSkippingPadding() {
        List<String> seen = visit(FULL);
        assertEquals(List.of("1:[-86]", "3:[1, 2, 3]", "5:[-80, -79]"), seen);

        assertEquals(29, RtpPacket.findExtension(FULL, 0, FULL.length, 3));
        assertEquals(3, RtpPacket.extensionLength(FULL, 0, FULL.length, 29));
        assertEquals(33, RtpPacket.findExtension(FULL, 0, FULL.length, 5));
        assertEquals(2, RtpPacket.extensionLength(FULL, 0, FULL.length, 33));
        assertEquals(-1, RtpPacket.findExtension(FULL, 0, FULL.length, 2));
        assertEquals(-1, RtpPacket.findExtension(SIMPLE, 0, SIMPLE.length, 1));
    }

    @Test
    void iteratesTwoByteElementsIncludingEmptyOnes() {
        assertTrue(RtpPacket.isValid(TWO_BYTE, 0, TWO_BYTE.length));
        assertEquals(24, RtpPacket.headerLength(TWO_BYTE, 0, TWO_BYTE.length));
        assertEquals(List.of("7:[]", "32:[1, 2, 3]"), visit(TWO_BYTE));
        assertEquals(21, RtpPacket.findExtension(TWO_BYTE, 0, TWO_BYTE.length, 32));
        assertEquals(3, RtpPacket.extensionLength(TWO_BYTE, 0, TWO_BYTE.length, 21));
        assertEquals(18, RtpPacket.findExtension(TWO_BYTE, 0, TWO_BYTE.length, 7));
        assertEquals(0, RtpPacket.extensionLength(TWO_BYTE, 0, TWO_BYTE.length, 18));

        byte[] appBits = TWO_BYTE.clone();
        appBits[13] = 0x0F; // 0x100F: appbits are the profile's business, not ours
        assertEquals(List.of("7:[]", "32:[1, 2, 3]"), visit(appBits));
    }

    @Test
    void id15EndsProcessingAndKeepsEarlierElements() {
        byte[] p = FULL.clone();
        p[28] = (byte) 0xF2; // id 3 becomes the reserved 15 (§4.2)
        assertEquals(List.of("1:[-86]"), visit(p));
        assertTrue(RtpPacket.forEachExtension(p, 0, p.length, (i, b, o, l) -> { }));
        assertEquals(-1, RtpPacket.findExtension(p, 0, p.length, 5));
    }

    @Test
    void otherExtensionProfilesCarryNoElements() {
        byte[] p = FULL.clone();
        p[20] = 0x12; // profile 0x12DE
        assertTrue(RtpPacket.isValid(p, 0, p.length));
        assertEquals(36, RtpPacket.headerLength(p, 0, p.length));
        assertEquals(List.of(), visit(p));
    }

    @Test
    void rejectsMalformedPacketsWithoutThrowing() {
        assertFalse(RtpPacket.isValid(SIMPLE, 0, 11));          // shorter than the fixed header
        byte[] v1 = SIMPLE.clone();
        v1[0] = 0x40;                                           // version 1
        assertFalse(RtpPacket.isValid(v1, 0, v1.length));
        byte[] cc = SIMPLE.clone();
        cc[0] = (byte) 0x81;                                    // one CSRC that is not there
        assertFalse(RtpPacket.isValid(cc, 0, cc.length));
        assertEquals(-1, RtpPacket.headerLength(cc, 0, cc.length));
        byte[] ext = FULL.clone();
        ext[23] = 0x09;                                         // extension longer than the packet
        assertFalse(RtpPacket.isValid(ext, 0, ext.length));
        assertEquals(-1, RtpPacket.findExtension(ext, 0, ext.length, 1));
        byte[] pad0 = FULL.clone();
        pad0[pad0.length - 1] = 0;                              // padding count 0
        assertFalse(RtpPacket.isValid(pad0, 0, pad0.length));
        byte[] padBig = FULL.clone();
        padBig[padBig.length - 1] = 6;                          // padding reaching into the header
        assertFalse(RtpPacket.isValid(padBig, 0, padBig.length));
        assertFalse(RtpPacket.isValid(FULL, 0, FULL.length + 1)); // past the array
        assertFalse(RtpPacket.isValid(null, 0, 12));

        byte[] elem = FULL.clone();
        elem[32] = 0x5F;                                        // id 5 claims 16 bytes
        List<String> seen = new ArrayList<>();
        assertFalse(RtpPacket.forEachExtension(elem, 0, elem.length,
                (id, b, o, l) -> seen.add(id + "")));
        assertEquals(List.of("1", "3"), seen);                  // earlier elements were delivered

        byte[] id0 = FULL.clone();
        id0[26] = 0x01;                                         // ID 0 with L=1: not padding
        assertFalse(RtpPacket.forEachExtension(id0, 0, id0.length, (id, b, o, l) -> { }));

        byte[] twoCut = TWO_BYTE.clone();
        twoCut[20] = 0x04;                                      // id 32 claims 4 bytes, 3 remain
        assertFalse(RtpPacket.forEachExtension(twoCut, 0, twoCut.length, (id, b, o, l) -> { }));
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(42);
        byte[] buf = new byte[64];
        for (int i = 0; i < 20_000; i++) {
            r.nextBytes(buf);
            buf[0] = (byte) (0x80 | buf[0] & 0x3F);
            int len = r.nextInt(65);
            RtpPacket.isValid(buf, 0, len);
            RtpPacket.headerLength(buf, 0, len);
            RtpPacket.forEachExtension(buf, 0, len, (id, b, o, l) -> assertTrue(o + l <= len));
            RtpPacket.findExtension(buf, 0, len, 1 + r.nextInt(14));
        }
    }

    private static List<String> visit(byte[] p) {
        List<String> seen = new ArrayList<>();
        assertTrue(RtpPacket.forEachExtension(p, 0, p.length,
                (id, b, o, l) -> seen.add(id + ":" + Arrays.toString(Arrays.copyOfRange(b, o, o + l)))));
        return seen;
    }
}
