package dev.beam.media.rtp;

import static dev.beam.media.rtp.PictureNumbering.VP9;
import static dev.beam.media.rtp.TestBytes.bytes;
import static dev.beam.media.rtp.VideoPackets.payload;
import static dev.beam.media.rtp.VideoPackets.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * VP9 payload descriptors laid out as RFC 9628 §4.2 draws them (flexible and non-flexible mode),
 * in whole RTP packets: read, rewritten in place, compared.
 */
class Vp9DescriptorTest {
    private static final byte[] FRAME = bytes(0x82, 0x49, 0x83, 0x42); // VP9 uncompressed header start

    @Test
    void nonFlexibleModeWithLayerIndicesAndTl0PicIdx() {
        byte[] p = rtp(1, bytes(
                0xAC,       // I=1 P=0 L=1 F=0 B=1 E=1 V=0 Z=0
                0x92, 0x34, // M=1, 15-bit PICTURE ID 0x1234
                0x52,       // TID=2 U=1 SID=1 D=0
                0x07),      // TL0PICIDX 7
                FRAME);
        assertEquals(15, VP9.pictureIdBits(p, 0, p.length));
        assertEquals(0x1234, VP9.pictureId(p, 0, p.length));
        assertEquals(7, VP9.tl0PicIdx(p, 0, p.length));
        assertEquals(2, Vp9Descriptor.temporalLayer(p, 0, p.length));
        assertTrue(Vp9Descriptor.switchingUpPoint(p, 0, p.length));
        assertEquals(1, Vp9Descriptor.spatialLayer(p, 0, p.length));
        assertTrue(Vp9Descriptor.startOfFrame(p, 0, p.length));
        assertTrue(Vp9Descriptor.endOfFrame(p, 0, p.length));
        assertFalse(Vp9Descriptor.interPicturePredicted(p, 0, p.length));
        assertFalse(Vp9Descriptor.flexibleMode(p, 0, p.length));

        assertTrue(VP9.setPictureId(p, 0, p.length, 0x8000 + 0x10)); // modulo 32768
        assertTrue(VP9.setTl0PicIdx(p, 0, p.length, 255));
        assertArrayEquals(TestBytes.concat(bytes(0xAC, 0x80, 0x10, 0x52, 0xFF), FRAME), payload(p));
    }

    @Test
    void flexibleModeCarriesReferenceIndicesAndNoTl0PicIdx() {
        byte[] p = rtp(2, bytes(
                0xF8,  // I=1 P=1 L=1 F=1 B=1 E=0 V=0 Z=0
                0x05,  // M=0, 7-bit PICTURE ID 5
                0x20,  // TID=1 U=0 SID=0 D=0
                0x02), // P_DIFF=1 N=0: refers to the picture before
                FRAME);
        assertEquals(7, VP9.pictureIdBits(p, 0, p.length));
        assertEquals(5, VP9.pictureId(p, 0, p.length));
        assertEquals(-1, VP9.tl0PicIdx(p, 0, p.length), "the octet after the layer indices is a P_DIFF");
        assertFalse(VP9.setTl0PicIdx(p, 0, p.length, 9));
        assertEquals(1, Vp9Descriptor.temporalLayer(p, 0, p.length));
        assertFalse(Vp9Descriptor.switchingUpPoint(p, 0, p.length));
        assertEquals(0, Vp9Descriptor.spatialLayer(p, 0, p.length));
        assertTrue(Vp9Descriptor.interPicturePredicted(p, 0, p.length));
        assertTrue(Vp9Descriptor.flexibleMode(p, 0, p.length));
        assertTrue(Vp9Descriptor.startOfFrame(p, 0, p.length));
        assertFalse(Vp9Descriptor.endOfFrame(p, 0, p.length));

        assertTrue(VP9.setPictureId(p, 0, p.length, 128 + 6)); // a 7-bit id wraps modulo 128
        assertArrayEquals(TestBytes.concat(bytes(0xF8, 0x06, 0x20, 0x02), FRAME), payload(p));
    }

    @Test
    void withoutLayerIndicesThereIsNoTemporalLayerNorTl0PicIdx() {
        byte[] p = rtp(3, bytes(
                0x8C,        // I=1 L=0 B=1 E=1
                0xFF, 0xFF), // M=1, PICTURE ID 32767
                FRAME);
        assertEquals(32767, VP9.pictureId(p, 0, p.length));
        assertEquals(-1, VP9.tl0PicIdx(p, 0, p.length));
        assertEquals(-1, Vp9Descriptor.temporalLayer(p, 0, p.length));
        assertEquals(-1, Vp9Descriptor.spatialLayer(p, 0, p.length));
        assertFalse(Vp9Descriptor.switchingUpPoint(p, 0, p.length));
    }

    @Test
    void layerIndicesWithoutPictureId() {
        byte[] p = rtp(4, bytes(
                0x24,  // I=0 L=1 F=0 E=1
                0x6E,  // TID=3 U=0 SID=7 D=0
                0x10), // TL0PICIDX 16
                FRAME);
        assertEquals(-1, VP9.pictureId(p, 0, p.length));
        assertFalse(VP9.setPictureId(p, 0, p.length, 3));
        assertEquals(16, VP9.tl0PicIdx(p, 0, p.length));
        assertEquals(3, Vp9Descriptor.temporalLayer(p, 0, p.length));
        assertEquals(7, Vp9Descriptor.spatialLayer(p, 0, p.length));
        assertFalse(Vp9Descriptor.startOfFrame(p, 0, p.length));
    }

    @Test
    void aDescriptorCutShortReadsAsAbsentUpToWhereItEnds() {
        byte[] cutInPictureId = rtp(5, bytes(0xAC, 0x92)); // M=1, the second octet missing
        assertEquals(-1, VP9.pictureId(cutInPictureId, 0, cutInPictureId.length));
        assertEquals(-1, Vp9Descriptor.temporalLayer(cutInPictureId, 0, cutInPictureId.length));
        assertTrue(Vp9Descriptor.startOfFrame(cutInPictureId, 0, cutInPictureId.length), "the first octet is there");

        byte[] cutBeforeTl0 = rtp(6, bytes(0xAC, 0x92, 0x34, 0x52));
        assertEquals(0x1234, VP9.pictureId(cutBeforeTl0, 0, cutBeforeTl0.length));
        assertEquals(2, Vp9Descriptor.temporalLayer(cutBeforeTl0, 0, cutBeforeTl0.length));
        assertEquals(-1, VP9.tl0PicIdx(cutBeforeTl0, 0, cutBeforeTl0.length));

        byte[] empty = rtp(7);
        assertFalse(Vp9Descriptor.startOfFrame(empty, 0, empty.length));
        assertEquals(-1, VP9.pictureId(empty, 0, empty.length));
        assertFalse(Vp9Descriptor.endOfFrame(null, 0, 30));
    }
}
