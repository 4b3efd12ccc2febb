package dev.beam.media.rtp;

/**
 * How a video codec numbers its pictures in the payload descriptor: a picture id of 7 or 15 bits
 * (an M bit, then the id, in both VP8 and VP9) and TL0PICIDX, the 8-bit index of the last
 * temporal layer 0 picture. An SFU that switches a viewer between streams rewrites both, in place,
 * so that the viewer sees one run of pictures (RFC 7741 §4.2, RFC 9628 §4.2).
 *
 * <p>All methods take a whole RTP packet and read a field the packet does not carry, or a packet
 * that is not valid, as absent; no input makes one throw.
 */
public enum PictureNumbering {
    VP8(Vp8Descriptor::pictureIdOffset, Vp8Descriptor::tl0PicIdxOffset),
    VP9(Vp9Descriptor::pictureIdOffset, Vp9Descriptor::tl0PicIdxOffset),
    /** H.264, AV1 and audio: no such fields, nothing to rewrite. */
    NONE((buf, off, len) -> -1, (buf, off, len) -> -1);

    /** Where one field is in an RTP packet: an absolute offset, or -1. */
    @FunctionalInterface
    private interface Field {
        int offset(byte[] buf, int off, int len);
    }

    private final Field pictureId;
    private final Field tl0PicIdx;

    PictureNumbering(Field pictureId, Field tl0PicIdx) {
        this.pictureId = pictureId;
        this.tl0PicIdx = tl0PicIdx;
    }

    /** The numbering for a codec name from the SDP; NONE for codecs without one. */
    public static PictureNumbering forCodec(String codec) {
        for (PictureNumbering numbering : values()) {
            if (numbering.name().equalsIgnoreCase(codec)) {
                return numbering;
            }
        }
        return NONE;
    }

    /** 15 when M is set, 7 when not, 0 when the packet has no picture id. */
    public int pictureIdBits(byte[] buf, int off, int len) {
        int at = pictureId.offset(buf, off, len);
        return at < 0 ? 0 : bitsAt(buf, at);
    }

    /** The picture id, or -1 when absent. */
    public int pictureId(byte[] buf, int off, int len) {
        int at = pictureId.offset(buf, off, len);
        return at < 0 ? -1 : readPictureId(buf, at);
    }

    /**
     * Writes {@code id} modulo the field's width (128 or 32768), keeping the M bit; false when the
     * packet has no picture id.
     */
    public boolean setPictureId(byte[] buf, int off, int len, int id) {
        int at = pictureId.offset(buf, off, len);
        if (at < 0) {
            return false;
        }
        writePictureId(buf, at, id);
        return true;
    }

    /** TL0PICIDX, or -1 when absent. */
    public int tl0PicIdx(byte[] buf, int off, int len) {
        int at = tl0PicIdx.offset(buf, off, len);
        return at < 0 ? -1 : buf[at] & 0xFF;
    }

    /** Writes {@code index} modulo 256; false when the packet has no TL0PICIDX. */
    public boolean setTl0PicIdx(byte[] buf, int off, int len, int index) {
        int at = tl0PicIdx.offset(buf, off, len);
        if (at < 0) {
            return false;
        }
        buf[at] = (byte) index;
        return true;
    }

    /** Adds the deltas to the picture id and TL0PICIDX where present, finding each field once. */
    void shift(byte[] buf, int off, int len, int pictureIdDelta, int tl0PicIdxDelta) {
        int at = pictureId.offset(buf, off, len);
        if (at >= 0) {
            writePictureId(buf, at, readPictureId(buf, at) + pictureIdDelta);
        }
        at = tl0PicIdx.offset(buf, off, len);
        if (at >= 0) {
            buf[at] = (byte) (buf[at] + tl0PicIdxDelta);
        }
    }

    /** The id in an M-prefixed picture id field at {@code at}, already known to fit. */
    static int readPictureId(byte[] buf, int at) {
        return bitsAt(buf, at) == 15 ? Bytes.u16(buf, at) & 0x7FFF : buf[at] & 0x7F;
    }

    private static void writePictureId(byte[] buf, int at, int id) {
        if (bitsAt(buf, at) == 15) {
            Bytes.put16(buf, at, 0x8000 | id & 0x7FFF);
        } else {
            buf[at] = (byte) (id & 0x7F);
        }
    }

    private static int bitsAt(byte[] buf, int at) {
        return (buf[at] & 0x80) != 0 ? 15 : 7;
    }
}
