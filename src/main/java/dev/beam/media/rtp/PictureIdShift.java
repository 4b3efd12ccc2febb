package dev.beam.media.rtp;

import java.util.Objects;

/**
 * What is added to a source's picture ids and TL0PICIDX to give a viewer's, fixed from one restart
 * point (a switch of source stream) to the next, as sequence number and timestamp offsets are; a
 * retransmission applies the shift it was first sent under and so gets the same numbers again.
 * Made by {@link SentPictureIds#restartAt}.
 *
 * @param pictureIdDelta added modulo 32768, or modulo 128 to a 7-bit picture id; as the one
 *     divides the other, a delta made for one width keeps the other continuous too
 * @param tl0PicIdxDelta added modulo 256
 */
public record PictureIdShift(PictureNumbering numbering, int pictureIdDelta, int tl0PicIdxDelta) {
    public PictureIdShift {
        Objects.requireNonNull(numbering, "numbering");
        pictureIdDelta &= 0x7FFF;
        tl0PicIdxDelta &= 0xFF;
    }

    /** The shift that leaves every packet as it is. */
    public static PictureIdShift none(PictureNumbering numbering) {
        return new PictureIdShift(numbering, 0, 0);
    }

    /**
     * Rewrites the picture id and TL0PICIDX of the RTP packet in place, each where present, at
     * the width the packet has; a packet with neither, or not valid, is left unchanged.
     */
    public void applyTo(byte[] buf, int off, int len) {
        if (pictureIdDelta != 0 || tl0PicIdxDelta != 0) {
            numbering.shift(buf, off, len, pictureIdDelta, tl0PicIdxDelta);
        }
    }
}
