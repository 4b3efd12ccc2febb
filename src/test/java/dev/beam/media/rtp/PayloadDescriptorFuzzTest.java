package dev.beam.media.rtp;

import static dev.beam.media.rtp.TestBytes.bytes;
import static dev.beam.media.rtp.VideoPackets.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.Mutator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The VP8 and VP9 descriptor accessors, the picture id rewrite and its bookkeeping on real and
 * laid-out packets, mutated, and random bytes, at random offsets and lengths: nothing throws,
 * nothing is written outside the packet, and a shift undone by its inverse gives the packet back.
 */
class PayloadDescriptorFuzzTest {
    private static final int CASES = 100_000;

    @Test
    void noInputMakesAnAccessorThrowOrWriteOutsideThePacket() throws IOException {
        Mutator mutator = new Mutator(0x5EED_0717L, seeds());
        Random random = new Random(0x5EED_0718L);
        SentPictureIds vp8Sent = new SentPictureIds(PictureNumbering.VP8);
        SentPictureIds vp9Sent = new SentPictureIds(PictureNumbering.VP9);
        int withPictureId = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] p = mutator.next();
            int off = random.nextInt(4);
            byte[] buf = new byte[off + p.length + random.nextInt(4)];
            Arrays.fill(buf, (byte) random.nextInt(256)); // around the packet, to see it stays as it is
            System.arraycopy(p, 0, buf, off, p.length);
            int len = random.nextInt(16) == 0 ? random.nextInt(buf.length + 8) - 4 : p.length;
            byte[] before = buf.clone();

            readEverything(buf, off, len);
            for (PictureNumbering numbering : PictureNumbering.values()) {
                int id = numbering.pictureId(buf, off, len);
                if (id >= 0) {
                    withPictureId++;
                }
                PictureIdShift shift = new PictureIdShift(numbering, random.nextInt(), random.nextInt());
                shift.applyTo(buf, off, len);
                new PictureIdShift(numbering, -shift.pictureIdDelta(), -shift.tl0PicIdxDelta()).applyTo(buf, off, len);
                assertTrue(Arrays.equals(before, buf), "a shift and its inverse");

                int wanted = random.nextInt(1 << 16);
                if (numbering.setPictureId(buf, off, len, wanted)) {
                    int bits = numbering.pictureIdBits(buf, off, len);
                    assertEquals(wanted & (1 << bits) - 1, numbering.pictureId(buf, off, len));
                }
                numbering.setTl0PicIdx(buf, off, len, random.nextInt(256));
                assertUnchangedOutside(before, buf, off, len);
                System.arraycopy(before, 0, buf, 0, buf.length);
            }
            vp8Sent.restartAt(buf, off, len).applyTo(buf, off, len);
            vp8Sent.sent(buf, off, len);
            vp9Sent.restartAt(buf, off, len).applyTo(buf, off, len);
            vp9Sent.sent(buf, off, len);
            assertUnchangedOutside(before, buf, off, len);
        }
        assertTrue(withPictureId > CASES / 10, "picture ids are found often enough to be rewritten: " + withPictureId);
    }

    private static void readEverything(byte[] buf, int off, int len) {
        Vp8Descriptor.startOfPartition(buf, off, len);
        Vp8Descriptor.partitionIndex(buf, off, len);
        Vp8Descriptor.nonReference(buf, off, len);
        Vp8Descriptor.temporalLayer(buf, off, len);
        Vp8Descriptor.layerSync(buf, off, len);
        Vp8Descriptor.keyIndex(buf, off, len);
        Vp9Descriptor.interPicturePredicted(buf, off, len);
        Vp9Descriptor.flexibleMode(buf, off, len);
        Vp9Descriptor.startOfFrame(buf, off, len);
        Vp9Descriptor.endOfFrame(buf, off, len);
        Vp9Descriptor.temporalLayer(buf, off, len);
        Vp9Descriptor.switchingUpPoint(buf, off, len);
        Vp9Descriptor.spatialLayer(buf, off, len);
        for (PictureNumbering numbering : PictureNumbering.values()) {
            numbering.pictureIdBits(buf, off, len);
            numbering.tl0PicIdx(buf, off, len);
        }
    }

    private static void assertUnchangedOutside(byte[] before, byte[] after, int off, int len) {
        int end = len > 0 && off + len <= after.length ? off + len : off;
        assertTrue(Arrays.equals(before, 0, off, after, 0, off), "before the packet");
        assertTrue(Arrays.equals(before, end, before.length, after, end, after.length), "after the packet");
    }

    /** Chromium's VP8 packets, and descriptors with every optional field of both codecs. */
    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>(RtpFuzzTest.seeds());
        seeds.add(rtp(1, bytes(0x90, 0xF0, 0x92, 0x34, 0x05, 0x63, 0x50, 0x42, 0x00)));  // VP8 all fields
        seeds.add(rtp(2, bytes(0x90, 0xE0, 0x2A, 0xFF, 0x80, 0x51, 0x42, 0x00)));        // VP8 7-bit, L, T
        seeds.add(rtp(3, bytes(0xAC, 0x92, 0x34, 0x52, 0x07, 0x82, 0x49, 0x83)));        // VP9 non-flexible
        seeds.add(rtp(4, bytes(0xFA, 0x05, 0x20, 0x03, 0x04, 0x18, 0x01, 0x40)));        // VP9 flexible, two P_DIFF, V
        return seeds;
    }
}
