package dev.beam.media.rtp;

/**
 * The VP9 payload descriptor (RFC 9628 §4.2, drawn in {@link Vp9}; draft-ietf-payload-vp9-16 had
 * the same layout) of a whole RTP packet in {@code buf[off .. off+len)}: the fields an SFU reads to
 * pick spatial and temporal layers and find frames. The picture id and TL0PICIDX are read and
 * rewritten through {@link PictureNumbering#VP9}.
 *
 * <p>Every method first checks that the packet is valid RTP and its payload reaches the field;
 * otherwise the field reads as absent (-1, or false), so no input makes one throw.
 */
public final class Vp9Descriptor {
    private static final PayloadDescriptor LAYOUT = Vp9::fieldOffset;

    private Vp9Descriptor() {
    }

    /** P: the picture is predicted from an earlier one. */
    public static boolean interPicturePredicted(byte[] buf, int off, int len) {
        return hasFlag(buf, off, len, 0x40);
    }

    /** F: flexible mode, with reference indices and no TL0PICIDX. */
    public static boolean flexibleMode(byte[] buf, int off, int len) {
        return hasFlag(buf, off, len, 0x10);
    }

    /** B: the packet starts a frame (of its spatial layer). */
    public static boolean startOfFrame(byte[] buf, int off, int len) {
        return hasFlag(buf, off, len, 0x08);
    }

    /** E: the packet ends a frame (of its spatial layer). */
    public static boolean endOfFrame(byte[] buf, int off, int len) {
        return hasFlag(buf, off, len, 0x04);
    }

    /** TID: the temporal layer (0 to 7), or -1 without layer indices. */
    public static int temporalLayer(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp9.LAYER_INDICES);
        return at < 0 ? -1 : (buf[at] & 0xE0) >>> 5;
    }

    /**
     * U: a switching up point, where a viewer can move up to a higher temporal layer (later
     * frames of this layer refer to none before this one); false without layer indices.
     */
    public static boolean switchingUpPoint(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp9.LAYER_INDICES);
        return at >= 0 && (buf[at] & 0x10) != 0;
    }

    /** SID: the spatial layer (0 to 7), or -1 without layer indices. */
    public static int spatialLayer(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp9.LAYER_INDICES);
        return at < 0 ? -1 : (buf[at] & 0x0E) >>> 1;
    }

    /** Absolute offset of the picture id field (M bit first), or -1 when I is clear. */
    static int pictureIdOffset(byte[] buf, int off, int len) {
        return LAYOUT.fieldIn(buf, off, len, Vp9.PICTURE_ID);
    }

    /** Absolute offset of TL0PICIDX, or -1 in flexible mode or without layer indices. */
    static int tl0PicIdxOffset(byte[] buf, int off, int len) {
        return LAYOUT.fieldIn(buf, off, len, Vp9.TL0PICIDX);
    }

    private static boolean hasFlag(byte[] buf, int off, int len, int mask) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp9.REQUIRED);
        return at >= 0 && (buf[at] & mask) != 0;
    }
}
