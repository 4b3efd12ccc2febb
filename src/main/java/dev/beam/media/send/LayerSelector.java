package dev.beam.media.send;

import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.SimulcastLayers.Layer;

/**
 * Which simulcast layer a viewer gets: the one it asks for, or under {@link Quality#AUTO} the
 * best its bandwidth estimate carries. A layer must leave room in the estimate for audio, packet
 * overhead and keyframe bursts: it fits when its rate is at most {@value #FIT} of the estimate.
 * With hysteresis, so that an estimate near a layer's rate does not flap between two layers (each
 * switch waits for a keyframe and costs every viewer of the broadcast its bits): the viewer goes
 * down only once its layer has taken more than {@value #KEEP} of the estimate for
 * {@value #DOWN_AFTER_MILLIS} ms (a keyframe lifts a layer's rate for a moment), or at once when
 * it takes more than {@value #FAR_OVER} times the estimate (no keyframe does that to an estimate
 * that let the viewer up; a link that narrowed does), and up only to a
 * layer taking at most {@value #UP} of it, and not within {@value #HOLD_AFTER_DOWN_MILLIS} ms
 * of going down. A viewer that falls back within {@value #FLAP_MILLIS} ms of going up (a layer
 * just over what its link carries) waits twice as long before the next try, up to
 * {@value #MAX_HOLD_MILLIS} ms. Pure logic: the caller passes the time.
 */
public final class LayerSelector {
    static final double FIT = 0.85;
    static final double KEEP = 0.95;
    static final double UP = 0.75;
    static final long HOLD_AFTER_DOWN_MILLIS = 4000;
    static final long DOWN_AFTER_MILLIS = 1500;
    static final double FAR_OVER = 2;
    static final long FLAP_MILLIS = 10_000;
    static final long MAX_HOLD_MILLIS = 16_000;
    private static final long NOT_OVER = Long.MIN_VALUE;

    /** Why the layer is the one chosen, as operators see it. */
    public enum Reason {
        NO_LAYER, CHOSEN_BY_VIEWER, FITS_ESTIMATE, LOWEST_BELOW_ESTIMATE, HELD
    }

    /** A choice: the layer's stream (null when none sends), its rank (0 best) and why. */
    public record Choice(ReceiveStream stream, int rank, Reason reason) {
        static final Choice NONE = new Choice(null, -1, Reason.NO_LAYER);
    }

    private long lastDownNanos = Long.MIN_VALUE / 2;
    private long lastUpNanos = Long.MIN_VALUE / 2;
    private long holdNanos = HOLD_AFTER_DOWN_MILLIS * 1_000_000;
    /** Since when the current layer takes too much of the estimate, or {@link #NOT_OVER}. */
    private long overSinceNanos = NOT_OVER;

    /**
     * @param ranked      the layers sending, best first
     * @param current     the layer forwarded now, or null
     * @param estimateBps the viewer's bandwidth estimate; {@link Long#MAX_VALUE} when unknown
     */
    public Choice choose(Layer[] ranked, Quality quality, ReceiveStream current, long estimateBps, long nowNanos) {
        if (ranked.length == 0) {
            return Choice.NONE;
        }
        if (quality != Quality.AUTO) {
            int rank = switch (quality) {
                case HIGH -> 0;
                case MEDIUM -> ranked.length / 2;
                default -> ranked.length - 1;
            };
            return new Choice(ranked[rank].stream(), rank, Reason.CHOSEN_BY_VIEWER);
        }
        int currentRank = -1;
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i].stream() == current) {
                currentRank = i;
            }
        }
        if (currentRank < 0) {
            return bestFitting(ranked, estimateBps);
        }
        if (ranked[currentRank].bitsPerSecond() > KEEP * estimateBps) {
            if (overSinceNanos == NOT_OVER) {
                overSinceNanos = nowNanos;
            }
            Choice lower = bestFitting(ranked, estimateBps);
            if (lower.rank() <= currentRank) {
                return new Choice(current, currentRank, Reason.LOWEST_BELOW_ESTIMATE);
            }
            boolean farOver = ranked[currentRank].bitsPerSecond() > FAR_OVER * estimateBps;
            if (!farOver && nowNanos - overSinceNanos < DOWN_AFTER_MILLIS * 1_000_000) {
                return new Choice(current, currentRank, Reason.HELD);
            }
            // The over-since time stays: until the lower layer's keyframe makes it current, each
            // choice must want it again, or the switch would be called off.
            if (nowNanos - lastDownNanos > DOWN_AFTER_MILLIS * 1_000_000) {
                boolean flapped = nowNanos - lastUpNanos < FLAP_MILLIS * 1_000_000;
                holdNanos = flapped ? Math.min(2 * holdNanos, MAX_HOLD_MILLIS * 1_000_000)
                        : HOLD_AFTER_DOWN_MILLIS * 1_000_000;
            }
            lastDownNanos = nowNanos;
            return lower;
        }
        overSinceNanos = NOT_OVER;
        if (nowNanos - lastDownNanos >= holdNanos) {
            for (int i = 0; i < currentRank; i++) {
                if (ranked[i].bitsPerSecond() <= UP * estimateBps) {
                    lastUpNanos = nowNanos;
                    return new Choice(ranked[i].stream(), i, Reason.FITS_ESTIMATE);
                }
            }
        }
        boolean fits = ranked[currentRank].bitsPerSecond() <= FIT * estimateBps;
        return new Choice(current, currentRank, fits ? Reason.FITS_ESTIMATE : Reason.HELD);
    }

    /** The best layer that fits the estimate, else the lowest. */
    private static Choice bestFitting(Layer[] ranked, long estimateBps) {
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i].bitsPerSecond() <= FIT * estimateBps) {
                return new Choice(ranked[i].stream(), i, Reason.FITS_ESTIMATE);
            }
        }
        return new Choice(ranked[ranked.length - 1].stream(), ranked.length - 1, Reason.LOWEST_BELOW_ESTIMATE);
    }
}
