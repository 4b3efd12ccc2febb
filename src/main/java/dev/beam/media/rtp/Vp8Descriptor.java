package dev.beam.media.rtp;

/**
 * The VP8 payload descriptor (RFC 7741 §4.2, drawn in {@link Vp8}) of a whole RTP packet in
 * {@code buf[off .. off+len)}: the fields an SFU reads to pick temporal layers and find frames.
 * The picture id and TL0PICIDX are read and rewritten through {@link PictureNumbering#VP8}.
 *
 * <p>Every method first checks that the packet is valid RTP and its payload holds the whole
 * descriptor; otherwise a field reads as absent (-1, or false), so no input makes one throw.
 */
public final class Vp8Descriptor {
    private static final PayloadDescriptor LAYOUT = Vp8::fieldOffset;

    private Vp8Descriptor() {
    }

    /** S: this packet starts a VP8 partition. */
    public static boolean startOfPartition(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp8.REQUIRED);
        return at >= 0 && (buf[at] & 0x10) != 0;
    }

    /** PID: the partition index (0 to 7) the packet's first byte belongs to, or -1. */
    public static int partitionIndex(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp8.REQUIRED);
        return at < 0 ? -1 : buf[at] & 0x07;
    }

    /** N: the frame is not used to predict others, so a viewer can do without it. */
    public static boolean nonReference(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp8.REQUIRED);
        return at >= 0 && (buf[at] & 0x20) != 0;
    }

    /** TID: the temporal layer (0 to 3), or -1 when T is clear. */
    public static int temporalLayer(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp8.TID);
        return at < 0 ? -1 : (buf[at] & 0xC0) >>> 6;
    }

    /**
     * Y: layer sync, the frame depends only on temporal layer 0 frames, so a viewer can start
     * receiving its layer here; false when T is clear.
     */
    public static boolean layerSync(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp8.TID);
        return at >= 0 && (buf[at] & 0x20) != 0;
    }

    /** KEYIDX: the 5-bit temporal key frame index, or -1 when K is clear. */
    public static int keyIndex(byte[] buf, int off, int len) {
        int at = LAYOUT.fieldIn(buf, off, len, Vp8.KEYIDX);
        return at < 0 ? -1 : buf[at] & 0x1F;
    }

    /** Absolute offset of the PictureID field (M bit first), or -1 when I is clear. */
    static int pictureIdOffset(byte[] buf, int off, int len) {
        return LAYOUT.fieldIn(buf, off, len, Vp8.PICTURE_ID);
    }

    /** Absolute offset of TL0PICIDX, or -1 when L is clear. */
    static int tl0PicIdxOffset(byte[] buf, int off, int len) {
        return LAYOUT.fieldIn(buf, off, len, Vp8.TL0PICIDX);
    }
}
