package dev.beam.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RtpStreamId header extension (RFC 8852 §3.1) in RFC 8285's one-byte form. */
class RtpStreamIdTest {
    /** An RTP packet whose one-byte-header extension block (RFC 8285 §4.2) carries the given element. */
    static byte[] withElement(int id, byte[] data) {
        int words = (1 + data.length + 3) / 4;
        byte[] rtp = new byte[RtpPacket.FIXED_HEADER + 4 + 4 * words + 2];
        RtpPacket.writeFixedHeader(rtp, 0, false, 96, 1, 1000, 0x1234);
        rtp[0] |= 0x10; // X
        rtp[12] = (byte) 0xBE;
        rtp[13] = (byte) 0xDE;
        rtp[15] = (byte) words;
        rtp[16] = (byte) (id << 4 | (data.length - 1));
        System.arraycopy(data, 0, rtp, 17, data.length);
        return rtp;
    }

    @Test
    void readsTheRidOfTheElement() {
        // 0x90 ... | 0xBEDE, length 1 | ID=10, L=0 (one byte) 'h' | padding
        byte[] rtp = {(byte) 0x90, 0x60, 0x00, 0x01, 0x00, 0x00, 0x03, (byte) 0xE8, 0x00, 0x00, 0x12, 0x34,
            (byte) 0xBE, (byte) 0xDE, 0x00, 0x01, (byte) 0xA0, 'h', 0x00, 0x00, (byte) 0xAA};
        assertEquals("h", RtpStreamId.read(rtp, 0, rtp.length, 10));
        assertNull(RtpStreamId.read(rtp, 0, rtp.length, 11), "another id");
        byte[] two = withElement(3, "hi_1-x".getBytes());
        assertEquals("hi_1-x", RtpStreamId.read(two, 0, two.length, 3));
    }

    @Test
    void refusesWhatIsNoRidToken() {
        byte[] space = withElement(3, "a b".getBytes());
        assertNull(RtpStreamId.read(space, 0, space.length, 3));
        byte[] none = new byte[RtpPacket.FIXED_HEADER + 4];
        RtpPacket.writeFixedHeader(none, 0, false, 96, 1, 1000, 0x1234);
        assertNull(RtpStreamId.read(none, 0, none.length, 3));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(8852);
        for (int i = 0; i < 20_000; i++) {
            byte[] rtp = withElement(1 + random.nextInt(14), new byte[1 + random.nextInt(16)]);
            for (int j = 0; j < 3; j++) {
                rtp[random.nextInt(rtp.length)] = (byte) random.nextInt();
            }
            RtpStreamId.read(rtp, 0, random.nextInt(rtp.length + 1), 1 + random.nextInt(14));
        }
    }
}
