package dev.beam.media.rtp;

/**
 * Where a video stream's packets say which temporal layer their frame is on, where frames start and where a
 * viewer may move up a layer, for an SFU that drops the top layers for a viewer. VP8 and VP9 say it in the
 * payload descriptor ({@link TemporalLayering}); AV1 in the dependency descriptor, against a structure kept
 * per stream ({@link Av1Layering}).
 *
 * <p>All methods take a whole RTP packet and read a packet that is not valid, or that lacks the fields, as
 * one of layer 0 that nobody drops; no input makes one throw. Safe to call from any thread.
 */
public interface TemporalLayerReader {
    /** The packet's temporal layer id, 0 when it has none. */
    int temporalLayer(byte[] buf, int off, int len);

    /** Whether the packet starts a new frame, where the highest layer forwarded may change. */
    boolean startsFrame(byte[] buf, int off, int len);

    /**
     * The highest layer a viewer getting layers up to {@code cap} may get from this frame on (a frame start),
     * moving towards {@code target} above it: {@code cap} unless the frame is a point where the decoder can
     * switch up.
     */
    int raisedCap(byte[] buf, int off, int len, int cap, int target);
}
