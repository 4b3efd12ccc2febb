package dev.beam.media.rtp;

/**
 * The highest picture id and TL0PICIDX one viewer's stream has been sent, in the viewer's
 * numbering, so that a restart on a new source carries on from them. Mutable and confined to the
 * thread that forwards the stream; the shifts it makes are immutable and may be published.
 */
public final class SentPictureIds {
    private static final int NONE = -1;

    private final PictureNumbering numbering;
    private int highestPictureId = NONE;
    private int highestTl0PicIdx = NONE;

    public SentPictureIds(PictureNumbering numbering) {
        this.numbering = numbering;
    }

    /** The highest picture id sent, or -1 before the first packet that has one. */
    public int highestPictureId() {
        return highestPictureId;
    }

    /** The highest TL0PICIDX sent, or -1 before the first packet that has one. */
    public int highestTl0PicIdx() {
        return highestTl0PicIdx;
    }

    /**
     * Takes note of a packet as the viewer receives it (after {@link PictureIdShift#applyTo}). A
     * number counts as higher when it is less than half the field's range ahead, so the
     * highest survives wrap-around and ignores late, reordered packets.
     */
    public void sent(byte[] buf, int off, int len) {
        int bits = numbering.pictureIdBits(buf, off, len);
        if (bits > 0) {
            int id = numbering.pictureId(buf, off, len);
            if (highestPictureId == NONE || isAhead(id, highestPictureId, 1 << bits)) {
                highestPictureId = id;
            }
        }
        int index = numbering.tl0PicIdx(buf, off, len);
        if (index >= 0 && (highestTl0PicIdx == NONE || isAhead(index, highestTl0PicIdx, 256))) {
            highestTl0PicIdx = index;
        }
    }

    /**
     * The shift for a restart at {@code first}, the first packet forwarded from a new source (a
     * keyframe's, so a new picture on temporal layer 0): its picture id becomes the highest sent
     * + 1, and its TL0PICIDX the highest sent + 1, both wrapping at the field's width. A field
     * never sent yet, or absent from {@code first}, keeps the source's numbers.
     */
    public PictureIdShift restartAt(byte[] first, int off, int len) {
        int pictureIdDelta = 0;
        int id = numbering.pictureId(first, off, len);
        if (id >= 0 && highestPictureId != NONE) {
            pictureIdDelta = highestPictureId + 1 - id;
        }
        int tl0PicIdxDelta = 0;
        int index = numbering.tl0PicIdx(first, off, len);
        if (index >= 0 && highestTl0PicIdx != NONE) {
            tl0PicIdxDelta = highestTl0PicIdx + 1 - index;
        }
        return new PictureIdShift(numbering, pictureIdDelta, tl0PicIdxDelta);
    }

    /** Whether {@code value} is ahead of {@code highest} by less than half of {@code modulus}. */
    private static boolean isAhead(int value, int highest, int modulus) {
        int distance = (value - highest) & (modulus - 1);
        return distance != 0 && distance < modulus / 2;
    }
}
