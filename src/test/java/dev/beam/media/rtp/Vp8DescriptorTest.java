package dev.beam.media.rtp;

import static dev.beam.media.rtp.PictureNumbering.VP8;
import static dev.beam.media.rtp.TestBytes.bytes;
import static dev.beam.media.rtp.VideoPackets.payload;
import static dev.beam.media.rtp.VideoPackets.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** VP8 payload descriptors (RFC 7741 §4.2) in whole RTP packets: read, rewritten in place, compared. */
class Vp8DescriptorTest {
    // §4.3 payload header of a key frame (P = 0, RFC 6386 §9.1 frame tag and start code).
    private static final byte[] KEY_HEADER = bytes(0x50, 0x42, 0x00, 0x9D, 0x01, 0x2A);

    @Test
    void sevenBitPictureIdAlone() {
        byte[] p = rtp(1, bytes(
                0x90,  // X=1 R=0 N=0 S=1 R=0 PID=0
                0x80,  // I=1 L=0 T=0 K=0
                0x2A), // M=0, 7-bit PictureID 42
                KEY_HEADER);
        assertEquals(7, VP8.pictureIdBits(p, 0, p.length));
        assertEquals(42, VP8.pictureId(p, 0, p.length));
        assertEquals(-1, VP8.tl0PicIdx(p, 0, p.length));
        assertEquals(-1, Vp8Descriptor.temporalLayer(p, 0, p.length));
        assertFalse(Vp8Descriptor.layerSync(p, 0, p.length));
        assertEquals(-1, Vp8Descriptor.keyIndex(p, 0, p.length));
        assertTrue(Vp8Descriptor.startOfPartition(p, 0, p.length));
        assertEquals(0, Vp8Descriptor.partitionIndex(p, 0, p.length));
        assertFalse(Vp8Descriptor.nonReference(p, 0, p.length));

        assertTrue(VP8.setPictureId(p, 0, p.length, 127 + 3)); // wraps modulo 128
        assertArrayEquals(TestBytes.concat(bytes(0x90, 0x80, 0x02), KEY_HEADER), payload(p));
        assertFalse(VP8.setTl0PicIdx(p, 0, p.length, 9), "no L: nothing written");
        assertArrayEquals(TestBytes.concat(bytes(0x90, 0x80, 0x02), KEY_HEADER), payload(p));
    }

    @Test
    void fifteenBitPictureIdWithEveryOptionalField() {
        byte[] p = rtp(2, bytes(
                0x90,       // X=1 S=1 PID=0
                0xF0,       // I=1 L=1 T=1 K=1
                0x92, 0x34, // M=1, 15-bit PictureID 0x1234
                0x05,       // TL0PICIDX 5
                0x63),      // TID=1 Y=1 KEYIDX=3
                KEY_HEADER);
        assertEquals(15, VP8.pictureIdBits(p, 0, p.length));
        assertEquals(0x1234, VP8.pictureId(p, 0, p.length));
        assertEquals(5, VP8.tl0PicIdx(p, 0, p.length));
        assertEquals(1, Vp8Descriptor.temporalLayer(p, 0, p.length));
        assertTrue(Vp8Descriptor.layerSync(p, 0, p.length));
        assertEquals(3, Vp8Descriptor.keyIndex(p, 0, p.length));
        assertTrue(Vp8.isKeyframe(p, VideoPackets.PAYLOAD, p.length - VideoPackets.PAYLOAD));

        assertTrue(VP8.setPictureId(p, 0, p.length, 32767 + 5)); // wraps modulo 32768, M stays
        assertTrue(VP8.setTl0PicIdx(p, 0, p.length, 256 + 7));   // wraps modulo 256
        assertArrayEquals(TestBytes.concat(bytes(0x90, 0xF0, 0x80, 0x04, 0x07, 0x63), KEY_HEADER), payload(p));
        assertEquals(4, VP8.pictureId(p, 0, p.length));
        assertEquals(15, VP8.pictureIdBits(p, 0, p.length), "the width is the packet's");
    }

    @Test
    void tl0PicIdxAndTemporalLayerWithoutPictureId() {
        byte[] p = rtp(3, bytes(
                0x82,  // X=1 S=0 PID=2: continues partition 2
                0x60,  // I=0 L=1 T=1 K=0
                0xFF,  // TL0PICIDX 255
                0x80), // TID=2 Y=0 KEYIDX=0
                bytes(0xAB, 0xCD));
        assertEquals(0, VP8.pictureIdBits(p, 0, p.length));
        assertEquals(-1, VP8.pictureId(p, 0, p.length));
        assertFalse(VP8.setPictureId(p, 0, p.length, 1));
        assertEquals(255, VP8.tl0PicIdx(p, 0, p.length));
        assertEquals(2, Vp8Descriptor.temporalLayer(p, 0, p.length));
        assertFalse(Vp8Descriptor.layerSync(p, 0, p.length));
        assertEquals(-1, Vp8Descriptor.keyIndex(p, 0, p.length), "K clear: the shared octet's KEYIDX means nothing");
        assertFalse(Vp8Descriptor.startOfPartition(p, 0, p.length));
        assertEquals(2, Vp8Descriptor.partitionIndex(p, 0, p.length));

        assertTrue(VP8.setTl0PicIdx(p, 0, p.length, 256));
        assertArrayEquals(bytes(0x82, 0x60, 0x00, 0x80, 0xAB, 0xCD), payload(p));
    }

    @Test
    void keyIndexAloneTakesTheTidOctetButIsNoTemporalLayer() {
        byte[] p = rtp(4, bytes(
                0xB0,  // X=1 N=1 S=1 PID=0
                0x10,  // K=1 only
                0x1F), // TID/Y bits unused, KEYIDX=31
                KEY_HEADER);
        assertEquals(31, Vp8Descriptor.keyIndex(p, 0, p.length));
        assertEquals(-1, Vp8Descriptor.temporalLayer(p, 0, p.length));
        assertFalse(Vp8Descriptor.layerSync(p, 0, p.length));
        assertTrue(Vp8Descriptor.nonReference(p, 0, p.length));
    }

    @Test
    void minimalDescriptorHasNoOptionalField() {
        byte[] p = rtp(5, bytes(0x10), KEY_HEADER); // X=0 S=1 PID=0: one octet
        assertEquals(-1, VP8.pictureId(p, 0, p.length));
        assertEquals(-1, VP8.tl0PicIdx(p, 0, p.length));
        assertEquals(-1, Vp8Descriptor.temporalLayer(p, 0, p.length));
        assertTrue(Vp8Descriptor.startOfPartition(p, 0, p.length));
        assertEquals(0, Vp8Descriptor.partitionIndex(p, 0, p.length));
    }

    @Test
    void aDescriptorCutShortOrAnInvalidPacketReadsAsAbsent() {
        byte[] cut = rtp(6, bytes(0x90, 0xC0, 0x80)); // I and L announced, M=1, then the packet ends
        assertEquals(-1, VP8.pictureId(cut, 0, cut.length));
        assertEquals(0, VP8.pictureIdBits(cut, 0, cut.length));
        assertEquals(-1, VP8.tl0PicIdx(cut, 0, cut.length));
        assertFalse(Vp8Descriptor.startOfPartition(cut, 0, cut.length), "the whole descriptor must fit");
        assertEquals(-1, Vp8Descriptor.partitionIndex(cut, 0, cut.length));
        assertFalse(VP8.setPictureId(cut, 0, cut.length, 1));

        byte[] empty = rtp(7);
        assertEquals(-1, Vp8Descriptor.partitionIndex(empty, 0, empty.length));

        byte[] p = rtp(8, bytes(0x90, 0x80, 0x2A), KEY_HEADER);
        assertEquals(-1, VP8.pictureId(p, 0, VideoPackets.PAYLOAD + 2), "len ends inside the descriptor");
        assertEquals(-1, VP8.pictureId(p, 0, p.length + 1), "len past the array");
        assertEquals(-1, VP8.pictureId(null, 0, 40));
        p[0] = (byte) 0x51; // version 1
        assertEquals(-1, VP8.pictureId(p, 0, p.length));
    }

    @Test
    void paddingIsNotPartOfTheDescriptor() {
        // The descriptor announces I, whose octet would be the first padding octet.
        byte[] p = rtp(9, bytes(0x90, 0x80, 0x00, 0x00, 0x03));
        p[0] |= 0x20; // P=1: the last octet counts 3 octets of padding
        assertEquals(-1, VP8.pictureId(p, 0, p.length));
        p[0] &= ~0x20;
        assertEquals(0, VP8.pictureId(p, 0, p.length));
    }

    @Test
    void readsAPacketAtAnOffsetInALargerBuffer() {
        byte[] p = rtp(10, bytes(0x90, 0x80, 0x81, 0x00), KEY_HEADER); // 15-bit PictureID 256
        byte[] buf = TestBytes.concat(bytes(0xEE, 0xEE, 0xEE), p, bytes(0xEE));
        assertEquals(256, VP8.pictureId(buf, 3, p.length));
        assertTrue(VP8.setPictureId(buf, 3, p.length, 257));
        assertEquals(257, VP8.pictureId(buf, 3, p.length));
        assertEquals((byte) 0xEE, buf[buf.length - 1]);
    }

    @Test
    void aKeyFramesHeaderGivesItsPictureSize() {
        // Descriptor 0x10 (S=1, PID 0); RFC 6386 §9.1: frame tag with P=0 (key frame), start code
        // 9d 01 2a, then width 1280 (0x0500) and height 720 (0x02d0) little-endian, scale bits 0.
        byte[] key = {0x10, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x00, 0x05, (byte) 0xD0, 0x02, 0x11};
        assertEquals(1280 * 720, Vp8.keyframePixels(key, 0, key.length));
        byte[] scaled = key.clone();
        scaled[8] |= (byte) 0xC0; // horizontal scale bits: not part of the size
        assertEquals(1280 * 720, Vp8.keyframePixels(scaled, 0, scaled.length));
        byte[] delta = key.clone();
        delta[1] = 0x51;
        assertEquals(-1, Vp8.keyframePixels(delta, 0, delta.length));
        assertEquals(-1, Vp8.keyframePixels(key, 0, 9), "cut short");
    }
}
