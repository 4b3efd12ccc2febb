package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8285's one-byte (§4.2) and two-byte (§4.3) forms, from the layouts the RFC draws: read, written
 * back, and read again to the same elements. The writer packs elements without the padding the RFC's
 * examples put between some of them (§4.1 allows it but does not ask for it), so the bytes written
 * are the layout without those pads.
 */
class ExtensionFormsTest {
    private static final byte[] HEADER = bytes(0x90, 0x60, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1);
    private static final byte[] PAYLOAD = bytes(0x99);
    /** Without an extension (X = 0). */
    private static final byte[] PLAIN = bytes(0x80, 0x60, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0x99);
    private static final byte[] IDENTITY = new byte[256];

    static {
        for (int i = 0; i < IDENTITY.length; i++) {
            IDENTITY[i] = (byte) i;
        }
    }

    /** §4.2's figure: ids 1, 2 and 3 with 1, 2 and 4 bytes, two padding bytes before the third. */
    private static final byte[] ONE_BYTE_FIGURE = bytes(
            0xBE, 0xDE, 0x00, 0x03,
            0x10, 0xA1, 0x21, 0xB1,
            0xB2, 0x00, 0x00, 0x33,
            0xC1, 0xC2, 0xC3, 0xC4);
    /** The same elements as the writer lays them out: packed, then padded to the word. */
    private static final byte[] ONE_BYTE_WRITTEN = bytes(
            0xBE, 0xDE, 0x00, 0x03,
            0x10, 0xA1, 0x21, 0xB1,
            0xB2, 0x33, 0xC1, 0xC2,
            0xC3, 0xC4, 0x00, 0x00);

    /** §4.3's figure: an element of 0 bytes, one of 1, a padding byte, one of 4; ids 1, 2, 3. */
    private static final byte[] TWO_BYTE_FIGURE = bytes(
            0x10, 0x00, 0x00, 0x03,
            0x01, 0x00, 0x02, 0x01,
            0xA1, 0x00, 0x03, 0x04,
            0xC1, 0xC2, 0xC3, 0xC4);
    private static final byte[] TWO_BYTE_WRITTEN = bytes(
            0x10, 0x00, 0x00, 0x03,
            0x01, 0x00, 0x02, 0x01,
            0xA1, 0x03, 0x04, 0xC1,
            0xC2, 0xC3, 0xC4, 0x00);

    private static byte[] packet(byte[] block) {
        byte[] p = new byte[HEADER.length + block.length + PAYLOAD.length];
        System.arraycopy(HEADER, 0, p, 0, HEADER.length);
        System.arraycopy(block, 0, p, HEADER.length, block.length);
        System.arraycopy(PAYLOAD, 0, p, HEADER.length + block.length, PAYLOAD.length);
        return p;
    }

    private static List<String> elements(byte[] rtp, int len) {
        List<String> seen = new ArrayList<>();
        assertTrue(RtpPacket.forEachExtension(rtp, 0, len, (id, b, o, l) ->
                seen.add(id + ":" + Arrays.toString(Arrays.copyOfRange(b, o, o + l)))));
        return seen;
    }

    /** Reads the packet's elements into a list and writes them back; the packet written. */
    private static byte[] roundTrip(byte[] rtp) {
        ExtensionElements el = new ExtensionElements();
        assertTrue(el.addRemapped(rtp, 0, rtp.length, IDENTITY));
        byte[] out = new byte[rtp.length + 16];
        int n = RtpHeaderWriter.rewrite(rtp, 0, rtp.length, out, 0, 96, 1, el);
        assertTrue(RtpPacket.isValid(out, 0, n));
        return Arrays.copyOf(out, n);
    }

    @Test
    void oneByteFigureReadsAndWritesBackInOneByteForm() {
        byte[] rtp = packet(ONE_BYTE_FIGURE);
        List<String> read = elements(rtp, rtp.length);
        assertEquals(List.of("1:[-95]", "2:[-79, -78]", "3:[-63, -62, -61, -60]"), read);
        byte[] written = roundTrip(rtp);
        assertArrayEquals(packet(ONE_BYTE_WRITTEN), written);
        assertEquals(read, elements(written, written.length));
    }

    @Test
    void twoByteFigureReadsAndWritesBackInTwoByteForm() {
        byte[] rtp = packet(TWO_BYTE_FIGURE);
        List<String> read = elements(rtp, rtp.length);
        assertEquals(List.of("1:[]", "2:[-95]", "3:[-63, -62, -61, -60]"), read);
        byte[] written = roundTrip(rtp);
        assertArrayEquals(packet(TWO_BYTE_WRITTEN), written, "the empty element needs the two-byte form");
        assertEquals(read, elements(written, written.length));
    }

    @Test
    void oneLongElementOrAHighIdTurnsTheWholeBlockToTwoByteForm() {
        byte[] seventeen = new byte[17];
        Arrays.fill(seventeen, (byte) 0x5A);
        ExtensionElements el = new ExtensionElements();
        el.addValue(4, 0x0102, 2);
        el.add(9, seventeen, 0, 17);
        byte[] out = new byte[64];
        int n = RtpHeaderWriter.rewrite(PLAIN, 0, PLAIN.length, out, 0, 96, 1, el);
        byte[] block = Arrays.copyOfRange(out, 12, n - 1);
        assertEquals(4 + 24, block.length, "2+2 and 2+17 bytes, padded to 24");
        assertArrayEquals(bytes(0x10, 0x00, 0x00, 0x06, 0x04, 0x02, 0x01, 0x02, 0x09, 0x11),
                Arrays.copyOf(block, 10));
        assertEquals(List.of("4:[1, 2]", "9:" + Arrays.toString(seventeen)), elements(out, n));

        el.clear();
        el.addValue(15, 7, 1);
        n = RtpHeaderWriter.rewrite(PLAIN, 0, PLAIN.length, out, 0, 96, 1, el);
        assertArrayEquals(bytes(0x10, 0x00, 0x00, 0x01, 0x0F, 0x01, 0x07, 0x00), Arrays.copyOfRange(out, 12, 20),
                "id 15 is reserved in the one-byte form");
        assertEquals(List.of("15:[7]"), elements(out, n));

        el.clear();
        el.add(14, seventeen, 0, 16);
        n = RtpHeaderWriter.rewrite(PLAIN, 0, PLAIN.length, out, 0, 96, 1, el);
        assertEquals(0xBEDE, Bytes.u16(out, 12), "id 14 with 16 bytes still fits one byte");
        assertEquals(0xEF, out[16] & 0xFF);
    }
}
