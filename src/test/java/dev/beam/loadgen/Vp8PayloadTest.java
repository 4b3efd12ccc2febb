package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The VP8 front the generator writes, against RFC 7741 §4.2 and RFC 6386 §9.1 bit by bit. */
class Vp8PayloadTest {

    @Test
    void aKeyframesFirstPacketCarriesDescriptorFrameTagStartCodeAndSize() {
        byte[] b = new byte[32];
        int n = Vp8Payload.write(b, 0, true, true, 0x1234, 1000, 1280, 720);
        assertEquals(14, n);
        assertArrayEquals(new byte[] {
            (byte) 0x90,             // X=1 R=0 N=0 S=1 R=0 PID=0
            (byte) 0x80,             // I=1 L=0 T=0 K=0
            (byte) 0x92, 0x34,       // M=1, PictureID 0x1234 (15 bits)
            0x10, 0x7d, 0x00,        // frame tag: P=0 (key), version 0, show_frame 1, first_part_size 1000
            (byte) 0x9d, 0x01, 0x2a, // start code
            0x00, 0x05,              // width 1280 (0x0500), scale 0
            (byte) 0xd0, 0x02,       // height 720 (0x02d0), scale 0
        }, Arrays.copyOf(b, n));
        assertEquals(4, Vp8Payload.descriptorLength(b, 0, n));
        assertTrue(Vp8Payload.startsFrame(b, 0));
        assertTrue(Vp8Payload.isKeyframeHeader(b, 4, n - 4));
        assertEquals(10, Vp8Payload.headerLength(b, 4, n - 4));
    }

    @Test
    void aDeltaFramesFirstPacketHasPSetAndNoStartCode() {
        byte[] b = new byte[32];
        int n = Vp8Payload.write(b, 0, true, false, 5, 1000, 1280, 720);
        assertEquals(7, n);
        assertEquals(0x01, b[4] & 0x01, "P=1: an interframe");
        assertFalse(Vp8Payload.isKeyframeHeader(b, 4, 20));
        assertEquals(3, Vp8Payload.headerLength(b, 4, n - 4));
    }

    @Test
    void laterPacketsOfAFrameCarryOnlyTheDescriptorWithoutS() {
        byte[] b = new byte[32];
        assertEquals(4, Vp8Payload.write(b, 0, false, true, 7, 1000, 1280, 720));
        assertEquals((byte) 0x80, b[0], "S=0");
        assertFalse(Vp8Payload.startsFrame(b, 0));
    }

    @Test
    void descriptorLengthFollowsTheOptionalFieldsAndRejectsTruncation() {
        assertEquals(1, Vp8Payload.descriptorLength(new byte[] {0x10}, 0, 1));
        assertEquals(3, Vp8Payload.descriptorLength(new byte[] {(byte) 0x90, (byte) 0x80, 0x05}, 0, 3), "7-bit PictureID");
        assertEquals(6, Vp8Payload.descriptorLength(new byte[] {(byte) 0x90, (byte) 0xE0, (byte) 0x80, 1, 2, 3}, 0, 6),
                "PictureID (M), TL0PICIDX, TID");
        assertEquals(-1, Vp8Payload.descriptorLength(new byte[] {(byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 3));
        assertEquals(-1, Vp8Payload.descriptorLength(new byte[0], 0, 0));
    }
}
