package dev.beam.media.rtp;

import static dev.beam.media.rtp.PictureNumbering.VP8;
import static dev.beam.media.rtp.PictureNumbering.VP9;
import static dev.beam.media.rtp.TestBytes.bytes;
import static dev.beam.media.rtp.VideoPackets.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A viewer switched between simulcast layers, each with its own picture ids and TL0PICIDX, sees
 * one continuous run of them, as SendStream would rewrite them: a shift fixed at each restart
 * point, applied to each packet forwarded, and the highest sent noted.
 */
class PictureIdShiftTest {
    /** The viewer's side of the switch: what SendStream's restart, rewrite and count stages do. */
    private static final class Viewer {
        final SentPictureIds sent;
        PictureIdShift shift;

        Viewer(PictureNumbering numbering) {
            sent = new SentPictureIds(numbering);
            shift = PictureIdShift.none(numbering);
        }

        void restartAt(byte[] first) {
            shift = sent.restartAt(first, 0, first.length);
        }

        byte[] forward(byte[] source) {
            byte[] copy = source.clone();
            shift.applyTo(copy, 0, copy.length);
            sent.sent(copy, 0, copy.length);
            return copy;
        }
    }

    /** A VP8 packet with a 15-bit or 7-bit picture id, TL0PICIDX and TID (RFC 7741 §4.2). */
    private static byte[] vp8(int pictureId, boolean longId, int tl0PicIdx, int tid) {
        byte[] id = longId ? bytes(0x80 | pictureId >> 8, pictureId & 0xFF) : bytes(pictureId);
        return rtp(pictureId, bytes(0x90, 0xE0), id, bytes(tl0PicIdx, tid << 6), bytes(0x50, 0x42, 0x00));
    }

    private static byte[] vp8(int pictureId, int tl0PicIdx) {
        return vp8(pictureId, true, tl0PicIdx, 0);
    }

    @Test
    void theFirstSourceKeepsItsOwnNumbers() {
        Viewer viewer = new Viewer(VP8);
        byte[] first = vp8(1234, 77);
        viewer.restartAt(first);
        assertEquals(PictureIdShift.none(VP8), viewer.shift);
        assertArrayEquals(first, viewer.forward(first));
    }

    @Test
    void aSwitchCarriesOnFromTheHighestSent() {
        Viewer viewer = new Viewer(VP8);
        List<Integer> ids = new ArrayList<>();
        List<Integer> tl0s = new ArrayList<>();
        // Layer A: pictures 1000..1009, temporal layers 0,1,0,1..., TL0PICIDX counting layer 0 pictures.
        viewer.restartAt(vp8(1000, 50));
        for (int i = 0; i < 10; i++) {
            byte[] out = viewer.forward(vp8(1000 + i, true, 50 + i / 2, i % 2));
            ids.add(VP8.pictureId(out, 0, out.length));
            tl0s.add(VP8.tl0PicIdx(out, 0, out.length));
        }
        // Layer B, numbered on its own: its keyframe 20000 becomes the picture after 1009.
        viewer.restartAt(vp8(20000, 200));
        assertEquals(new PictureIdShift(VP8, 1010 - 20000, 55 - 200), viewer.shift);
        for (int i = 0; i < 10; i++) {
            byte[] out = viewer.forward(vp8(20000 + i, true, 200 + i / 2, i % 2));
            ids.add(VP8.pictureId(out, 0, out.length));
            tl0s.add(VP8.tl0PicIdx(out, 0, out.length));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(1000 + i, ids.get(i), "picture " + i);
            assertEquals(50 + i / 2, tl0s.get(i), "TL0PICIDX of picture " + i);
        }
        assertEquals(1019, viewer.sent.highestPictureId());
        assertEquals(59, viewer.sent.highestTl0PicIdx());
    }

    @Test
    void bothNumbersWrapAcrossASwitch() {
        Viewer viewer = new Viewer(VP8);
        viewer.restartAt(vp8(32766, 254));
        viewer.forward(vp8(32766, 254));
        viewer.forward(vp8(32767, 255));
        viewer.restartAt(vp8(9, 3));
        byte[] out = viewer.forward(vp8(9, 3));
        assertEquals(0, VP8.pictureId(out, 0, out.length), "32767 + 1");
        assertEquals(0, VP8.tl0PicIdx(out, 0, out.length), "255 + 1");
        out = viewer.forward(vp8(10, 4));
        assertEquals(1, VP8.pictureId(out, 0, out.length));
        assertEquals(1, VP8.tl0PicIdx(out, 0, out.length));
        assertEquals(1, viewer.sent.highestPictureId(), "the highest follows the wrap");
    }

    @Test
    void sevenBitPictureIdsWrapModulo128() {
        Viewer viewer = new Viewer(VP8);
        viewer.forward(vp8(126, false, 1, 0));
        viewer.forward(vp8(127, false, 2, 0));
        viewer.restartAt(vp8(40, false, 9, 0));
        byte[] out = viewer.forward(vp8(40, false, 9, 0));
        assertEquals(7, VP8.pictureIdBits(out, 0, out.length));
        assertEquals(0, VP8.pictureId(out, 0, out.length));
        assertEquals(3, VP8.tl0PicIdx(out, 0, out.length));

        // A 15-bit source after 7-bit ids carries on in its own width; a 7-bit one after 15-bit ids, modulo 128.
        viewer.restartAt(vp8(5000, 9));
        out = viewer.forward(vp8(5000, 9));
        assertEquals(1, VP8.pictureId(out, 0, out.length));
        viewer.forward(vp8(5000 + 299, 9)); // viewer id 300
        viewer.restartAt(vp8(3, false, 9, 0));
        out = viewer.forward(vp8(3, false, 9, 0));
        assertEquals(301 % 128, VP8.pictureId(out, 0, out.length));
    }

    @Test
    void aRetransmissionUnderTheOldShiftGetsItsOriginalNumbers() {
        Viewer viewer = new Viewer(VP8);
        viewer.forward(vp8(400, 10));
        viewer.restartAt(vp8(7000, 90));
        PictureIdShift layerA = viewer.shift;
        byte[] beforeSwitch = vp8(7003, 91);
        byte[] sentThen = viewer.forward(beforeSwitch);

        viewer.restartAt(vp8(100, 30)); // to layer B
        viewer.forward(vp8(100, 30));
        viewer.forward(vp8(101, 30));

        // The history holds the source's packet; the mapping it was sent under, its shift.
        byte[] resent = beforeSwitch.clone();
        layerA.applyTo(resent, 0, resent.length);
        assertArrayEquals(sentThen, resent);
        assertEquals(404, VP8.pictureId(resent, 0, resent.length));
    }

    @Test
    void lateReorderedPacketsDoNotLowerTheHighest() {
        Viewer viewer = new Viewer(VP8);
        viewer.forward(vp8(10, 1));
        viewer.forward(vp8(12, 2));
        viewer.forward(vp8(11, 1)); // arrived late
        assertEquals(12, viewer.sent.highestPictureId());
        assertEquals(2, viewer.sent.highestTl0PicIdx());
    }

    @Test
    void packetsWithoutPictureIdPassUnchanged() {
        PictureIdShift shift = new PictureIdShift(VP8, 1234, 56);
        byte[] minimal = rtp(1, bytes(0x10, 0x50, 0x42, 0x00)); // X=0: no optional field
        byte[] copy = minimal.clone();
        shift.applyTo(copy, 0, copy.length);
        assertArrayEquals(minimal, copy);

        byte[] h264 = rtp(2, bytes(0x65, 0x88, 0x84, 0x00));
        copy = h264.clone();
        new PictureIdShift(PictureNumbering.NONE, 1234, 56).applyTo(copy, 0, copy.length);
        assertArrayEquals(h264, copy);

        byte[] invalid = vp8(10, 1);
        invalid[0] = 0x40; // version 1
        copy = invalid.clone();
        shift.applyTo(copy, 0, copy.length);
        assertArrayEquals(invalid, copy);
    }

    @Test
    void aSourceWithoutPictureIdsLeavesTheNumbersAsTheyAre() {
        Viewer viewer = new Viewer(VP8);
        viewer.forward(vp8(10, 1));
        byte[] first = rtp(1, bytes(0x10, 0x50, 0x42, 0x00));
        viewer.restartAt(first);
        assertEquals(PictureIdShift.none(VP8), viewer.shift);
        assertEquals(10, viewer.sent.highestPictureId());
    }

    @Test
    void vp9LayersSwitchTheSameWay() {
        Viewer viewer = new Viewer(VP9);
        // Non-flexible mode: I L B E, 15-bit picture id, TID/U/SID/D, TL0PICIDX.
        viewer.forward(rtp(1, bytes(0xAC, 0xFF, 0xFE, 0x00, 0xFF))); // 32766, TL0PICIDX 255
        byte[] first = rtp(2, bytes(0xAC, 0x80, 0x05, 0x00, 0x10));  // 5, TL0PICIDX 16
        viewer.restartAt(first);
        byte[] out = viewer.forward(first);
        assertEquals(32767, VP9.pictureId(out, 0, out.length));
        assertEquals(0, VP9.tl0PicIdx(out, 0, out.length));
    }

    @Test
    void theNumberingIsNamedByTheSdpCodecName() {
        assertEquals(VP8, PictureNumbering.forCodec("VP8"));
        assertEquals(VP9, PictureNumbering.forCodec("vp9"));
        assertEquals(PictureNumbering.NONE, PictureNumbering.forCodec("H264"));
        assertEquals(PictureNumbering.NONE, PictureNumbering.forCodec("AV1"));
        assertEquals(PictureNumbering.NONE, PictureNumbering.forCodec("opus"));
    }

    @Test
    void deltasAreKeptModuloTheirFieldsWidths() {
        assertEquals(new PictureIdShift(VP8, 32767, 255), new PictureIdShift(VP8, -1, -1));
    }
}
