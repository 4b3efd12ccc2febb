package dev.beam.media.send;

import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.SimulcastLayers.Layer;

/**
 * Which simulcast layer a viewer gets: the one it asks for, or under {@link Quality#AUTO} the
 * best whose bitrate its bandwidth estimate carries. With hysteresis, so that an estimate near a
 * layer's rate does not flap between two layers (each switch waits for a keyframe and costs
 * every viewer of the broadcast its bits): the viewer goes down only once the estimate falls
 * below {@value #DOWN} of the current layer's rate, and up only once it reaches {@value #UP}
 * of the better layer's and at least {@value #HOLD_AFTER_DOWN_MILLIS} ms after going down.
 * Pure logic: the caller passes the time.
 */
public final class LayerSelector {
    static final double DOWN = 0.95;
    static final double UP = 1.25;
    static final long HOLD_AFTER_DOWN_MILLIS = 4000;

    /** Why the layer is the one chosen, as operators see it. */
    public enum Reason {
        NO_LAYER, CHOSEN_BY_VIEWER, FITS_ESTIMATE, LOWEST_BELOW_ESTIMATE, HELD
    }

    /** A choice: the layer's stream (null when none sends), its rank (0 best) and why. */
    public record Choice(ReceiveStream stream, int rank, Reason reason) {
        static final Choice NONE = new Choice(null, -1, Reason.NO_LAYER);
    }

    private long lastDownNanos = Long.MIN_VALUE / 2;

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
        int fits = ranked.length - 1;
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i].bitsPerSecond() <= estimateBps) {
                fits = i;
                break;
            }
        }
        if (currentRank < 0) {
            return chosen(ranked, fits, estimateBps);
        }
        if (fits > currentRank) {
            // Lower: only once the current layer is clearly too much.
            if (ranked[currentRank].bitsPerSecond() * DOWN > estimateBps) {
                lastDownNanos = nowNanos;
                return chosen(ranked, fits, estimateBps);
            }
            return new Choice(current, currentRank, Reason.HELD);
        }
        if (fits < currentRank) {
            // Higher: the best layer with headroom, and not right after a fall.
            boolean settled = nowNanos - lastDownNanos >= HOLD_AFTER_DOWN_MILLIS * 1_000_000;
            for (int i = 0; settled && i < currentRank; i++) {
                if (ranked[i].bitsPerSecond() * UP <= estimateBps) {
                    return new Choice(ranked[i].stream(), i, Reason.FITS_ESTIMATE);
                }
            }
            return new Choice(current, currentRank, Reason.HELD);
        }
        return chosen(ranked, currentRank, estimateBps);
    }

    private static Choice chosen(Layer[] ranked, int rank, long estimateBps) {
        Reason reason = ranked[rank].bitsPerSecond() <= estimateBps ? Reason.FITS_ESTIMATE : Reason.LOWEST_BELOW_ESTIMATE;
        return new Choice(ranked[rank].stream(), rank, reason);
    }
}
