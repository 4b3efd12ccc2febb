package dev.beam.media.receive;

import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.TemporalLayerReader;
import dev.beam.media.rtp.TemporalLayering;

/**
 * What each temporal layer of one stream carries over the last second, and how many frames, so
 * that a viewer's layer choice knows what the stream costs, and how smooth it is, without its top
 * temporal layers. A meter is made for a layer
 * when its first packet arrives: a stream without temporal layers has one, for layer 0.
 *
 * <p>The broadcaster's worker's alone, as {@link RateMeter} is.
 */
final class TemporalRates {
    private static final long[] NO_LAYERS = new long[0];

    private final TemporalLayerReader layering;
    private final RateMeter[] byLayer = new RateMeter[TemporalLayering.MAX_LAYER + 1];
    /** Frames by layer, counted at each frame's last packet (the RTP marker bit). */
    private final RateMeter[] framesByLayer = new RateMeter[TemporalLayering.MAX_LAYER + 1];

    TemporalRates(TemporalLayerReader layering) {
        this.layering = layering;
    }

    void add(byte[] buf, int length, long nowNanos) {
        int layer = layering.temporalLayer(buf, 0, length);
        RateMeter meter = byLayer[layer];
        if (meter == null) {
            meter = byLayer[layer] = new RateMeter();
            framesByLayer[layer] = new RateMeter();
        }
        meter.add(length, nowNanos);
        if (RtpPacket.marker(buf, 0)) {
            framesByLayer[layer].add(1, nowNanos);
        }
    }

    /**
     * Bits per second of the layers up to each one: element {@code t} is what layers 0 to
     * {@code t} carry together, up to the highest layer that carried anything in the last second;
     * empty when none did.
     */
    long[] cumulativeBitsPerSecond(long nowNanos) {
        return cumulative(byLayer, false, nowNanos);
    }

    /**
     * Frames per second of the layers up to each one, as {@link #cumulativeBitsPerSecond} gives
     * their bits: element {@code t} counts the frames of layers 0 to {@code t}.
     */
    long[] cumulativeFramesPerSecond(long nowNanos) {
        return cumulative(framesByLayer, true, nowNanos);
    }

    /** Running sums of the meters' rates, up to the highest layer that carried anything in the last second. */
    private long[] cumulative(RateMeter[] meters, boolean perSecond, long nowNanos) {
        int top = -1;
        for (int t = 0; t < byLayer.length; t++) {
            if (byLayer[t] != null && byLayer[t].bitsPerSecond(nowNanos) > 0) {
                top = t;
            }
        }
        if (top < 0) {
            return NO_LAYERS;
        }
        long[] sums = new long[top + 1];
        long sum = 0;
        for (int t = 0; t <= top; t++) {
            if (meters[t] != null) {
                sum += perSecond ? meters[t].perSecond(nowNanos) : meters[t].bitsPerSecond(nowNanos);
            }
            sums[t] = sum;
        }
        return sums;
    }
}
