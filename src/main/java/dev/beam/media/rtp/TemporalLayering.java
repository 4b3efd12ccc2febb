package dev.beam.media.rtp;

/**
 * How a video codec marks temporal layers in its payload descriptor, for an SFU that drops the
 * top ones for a viewer (RFC 7741 §4.2 for VP8, RFC 9628 §4.2 for VP9): the layer of each frame,
 * where frames start, and where a viewer may move up to a higher layer again.
 *
 * <p>All methods take a whole RTP packet and read a packet that is not valid, or that lacks the
 * fields, as one of layer 0 that nobody drops; no input makes one throw.
 */
public enum TemporalLayering implements TemporalLayerReader {
    VP8 {
        @Override
        public int temporalLayer(byte[] buf, int off, int len) {
            return Math.max(0, Vp8Descriptor.temporalLayer(buf, off, len));
        }

        @Override
        public boolean startsFrame(byte[] buf, int off, int len) {
            return Vp8Descriptor.startOfPartition(buf, off, len) && Vp8Descriptor.partitionIndex(buf, off, len) == 0;
        }

        /**
         * Y (layer sync) on a frame of the layer just above: the frame uses only TL0, and the
         * layer's later frames refer to it, to TL0 or to the layers below, all forwarded.
         */
        @Override
        public int raisedCap(byte[] buf, int off, int len, int cap, int target) {
            int layer = temporalLayer(buf, off, len);
            return layer == cap + 1 && layer <= target && Vp8Descriptor.layerSync(buf, off, len) ? layer : cap;
        }
    },
    VP9 {
        /**
         * Flexible mode (F) names its references by picture id differences (P_DIFF), which a
         * dropped picture would make wrong: rather than rewriting them, nothing is dropped there,
         * so its frames all read as layer 0.
         */
        @Override
        public int temporalLayer(byte[] buf, int off, int len) {
            if (Vp9Descriptor.flexibleMode(buf, off, len)) {
                return 0;
            }
            return Math.max(0, Vp9Descriptor.temporalLayer(buf, off, len));
        }

        /** B in the lowest spatial layer (or without layer indices): a new picture. */
        @Override
        public boolean startsFrame(byte[] buf, int off, int len) {
            return Vp9Descriptor.startOfFrame(buf, off, len) && Vp9Descriptor.spatialLayer(buf, off, len) <= 0;
        }

        /**
         * U (switching up point). RFC 9628 §4.2 reads it on a picture of a layer forwarded: later
         * pictures of higher layers refer to none of theirs before it, so every layer up to the
         * target may follow. Chromium sets it where the picture refers only to layer 0, which
         * makes the picture itself a start for its layer, the one just above: taken as a step up.
         */
        @Override
        public int raisedCap(byte[] buf, int off, int len, int cap, int target) {
            if (Vp9Descriptor.flexibleMode(buf, off, len) || !Vp9Descriptor.switchingUpPoint(buf, off, len)) {
                return cap;
            }
            int layer = temporalLayer(buf, off, len);
            if (layer <= cap) {
                return Math.max(cap, target);
            }
            return layer == cap + 1 && layer <= target ? layer : cap;
        }
    },
    /** H.264, audio, and AV1 without the dependency descriptor: no temporal layers read, nothing dropped. */
    NONE {
        @Override
        public int temporalLayer(byte[] buf, int off, int len) {
            return 0;
        }

        @Override
        public boolean startsFrame(byte[] buf, int off, int len) {
            return false;
        }

        @Override
        public int raisedCap(byte[] buf, int off, int len, int cap, int target) {
            return cap;
        }
    };

    /** The highest temporal layer id there is (VP9's TID has three bits). */
    public static final int MAX_LAYER = 7;

    /**
     * The layering for a codec name from the SDP; NONE for codecs without one read here (AV1's is per stream,
     * {@link Av1Layering}).
     */
    public static TemporalLayering forCodec(String codec) {
        for (TemporalLayering layering : values()) {
            if (layering.name().equalsIgnoreCase(codec)) {
                return layering;
            }
        }
        return NONE;
    }
}
