package dev.beam.media.send;

import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.TrackLayers.Layer;

/**
 * Which layer a viewer gets (the one stream of a track without simulcast is its one layer): the
 * one it asks for, or under {@link Quality#AUTO} the best its bandwidth estimate carries. A layer
 * must leave room in the estimate for audio, packet overhead and keyframe bursts: it fits when
 * its rate is at most {@value #FIT} of the estimate.
 * With hysteresis, so that an estimate near a layer's rate does not flap between two layers (each
 * switch waits for a keyframe and costs every viewer of the broadcast its bits): the viewer goes
 * down only once its layer has taken more than {@value #KEEP} of the estimate for
 * {@value #DOWN_AFTER_MILLIS} ms (a keyframe lifts a layer's rate for a moment), or at once when
 * it takes more than {@value #FAR_OVER} times the estimate (no keyframe does that to an estimate
 * that let the viewer up; a link that narrowed does), then to a layer taking at most {@value #UP}
 * of it (an estimate just after the narrowing can still count what a policer's bucket let
 * through), the current layer stopped at once ({@link Choice#stopsCurrent}), and up only to a
 * layer taking at most {@value #UP} of it at the most it carried lately (an encoder short of CPU
 * for a moment makes a layer look cheaper than it is, and the viewer would go up just before its
 * rate comes back), and not within {@value #HOLD_AFTER_DOWN_MILLIS} ms
 * of going down. A viewer that falls back within {@value #FLAP_MILLIS} ms of going up (a layer
 * just over what its link carries) waits twice as long before the next try, up to
 * {@value #MAX_HOLD_MILLIS} ms.
 * A viewer that starts losing {@value #LOSSY} or more of its packets within {@value #FLAP_MILLIS} ms
 * of going up, having lost less before, goes back down as from a layer over its estimate (and
 * waits twice as long before the next try): a policer (a token bucket that drops what exceeds
 * it) lets a probe through until its bucket is empty and never makes the queue grow, so an
 * estimate can stay just over such a link, the layer taken just too big for it. For the same
 * reason a viewer losing {@value #LOSSY} or more on a layer taking more of its estimate than it could
 * go up to ({@value #UP}) goes down as from a layer over it: a link narrowed to just over the
 * layer drops its keyframes' bursts, and the viewer would freeze at each.
 *
 * <p>A layer with temporal layers is also a step without its top one (see {@link #ladder}), taken
 * by the same rules: a viewer just short of a layer's full rate gets it at half the frame rate
 * rather than the next layer down, and goes back to the full rate as it would go up a layer.
 * Dropping temporal layers needs no keyframe, so it costs the other viewers nothing. The one
 * stream of a track without simulcast is its lowest layer too, so that a viewer short of it gets
 * fewer frames rather than lost packets. Pure logic: the caller passes the time.
 */
public final class LayerSelector {
    static final double FIT = 0.85;
    /** The fewest frames a second a layer is offered at without its top temporal layer. */
    static final long MIN_FRAME_RATE = 15;
    static final double KEEP = 0.95;
    static final double UP = 0.75;
    static final long HOLD_AFTER_DOWN_MILLIS = 4000;
    static final long DOWN_AFTER_MILLIS = 1500;
    static final double FAR_OVER = 2;
    static final long FLAP_MILLIS = 10_000;
    static final long MAX_HOLD_MILLIS = 16_000;
    static final double LOSSY = 0.02;
    private static final long NOT_OVER = Long.MIN_VALUE;
    /** {@link Choice#temporalLayer} when no temporal layer is dropped. */
    public static final int ALL_TEMPORAL_LAYERS = -1;

    /** Why the layer is the one chosen, as operators see it. */
    public enum Reason {
        NO_LAYER, CHOSEN_BY_VIEWER, FITS_ESTIMATE, LOWEST_BELOW_ESTIMATE, HELD, LOST_AFTER_UP
    }

    /**
     * A choice: the layer's stream (null when none sends), its rank (0 best), the highest
     * temporal layer forwarded of it ({@link #ALL_TEMPORAL_LAYERS} for all), why, and whether the
     * layer forwarded now stops at once rather than at the chosen one's keyframe: it is far over
     * the estimate, so it only fills the link (its frames lost, the viewer frozen anyway) and
     * would have the keyframe switched to lost as well.
     */
    public record Choice(ReceiveStream stream, int rank, int temporalLayer, Reason reason, boolean stopsCurrent) {
        static final Choice NONE = new Choice(null, -1, ALL_TEMPORAL_LAYERS, Reason.NO_LAYER, false);
    }

    /**
     * A layer, or a layer without its top temporal layers, as one step of the ladder chosen from:
     * what it carries now, and what a viewer needs room for to go up to it.
     */
    private record Option(ReceiveStream stream, int rank, int temporalLayer, long bitsPerSecond,
            long upBitsPerSecond) {
    }

    private long lastDownNanos = Long.MIN_VALUE / 2;
    private long lastUpNanos = Long.MIN_VALUE / 2;
    private long holdNanos = HOLD_AFTER_DOWN_MILLIS * 1_000_000;
    /** The viewer's loss when it last went up. */
    private double lossAtUp;
    /** The layer (and temporal layer) left for loss that began with the move up to it, until the switch is made. */
    private ReceiveStream lossyStream;
    private int lossyTemporal;
    /** Since when the current layer takes too much of the estimate, or {@link #NOT_OVER}. */
    private long overSinceNanos = NOT_OVER;

    /**
     * @param ranked        the layers sending, best first
     * @param current       the layer forwarded now, or null
     * @param currentTemporal the highest temporal layer of it forwarded now, or {@link #ALL_TEMPORAL_LAYERS}
     * @param estimateBps   the viewer's bandwidth estimate; {@link Long#MAX_VALUE} when unknown
     * @param lossFraction  the share of the viewer's packets lost lately, 0..1
     */
    public Choice choose(Layer[] ranked, Quality quality, ReceiveStream current, int currentTemporal,
            long estimateBps, double lossFraction, long nowNanos) {
        if (ranked.length == 0) {
            return Choice.NONE;
        }
        if (quality != Quality.AUTO) {
            if (quality == Quality.LOW && isSingleStream(ranked) && ranked[0].temporalBitsPerSecond().length > 1) {
                return new Choice(ranked[0].stream(), 0, 0, Reason.CHOSEN_BY_VIEWER, false);
            }
            int rank = switch (quality) {
                case HIGH -> 0;
                case MEDIUM -> ranked.length / 2;
                default -> ranked.length - 1;
            };
            return new Choice(ranked[rank].stream(), rank, ALL_TEMPORAL_LAYERS, Reason.CHOSEN_BY_VIEWER, false);
        }
        Option[] options = ladder(ranked);
        int currentStep = step(options, current, currentTemporal);
        if (currentStep < 0) {
            lossyStream = null;
            return bestFitting(options, estimateBps, FIT);
        }
        Option now = options[currentStep];
        boolean lostAfterUp = currentStep < options.length - 1
                && (now.stream() == lossyStream && now.temporalLayer() == lossyTemporal
                        || lossFraction >= LOSSY && lossAtUp < LOSSY && lastUpNanos > lastDownNanos
                        && nowNanos - lastUpNanos < FLAP_MILLIS * 1_000_000);
        boolean lossyAndFull = currentStep < options.length - 1 && lossFraction >= LOSSY
                && now.bitsPerSecond() > UP * estimateBps;
        if (now.bitsPerSecond() > KEEP * estimateBps || lostAfterUp || lossyAndFull) {
            if (overSinceNanos == NOT_OVER) {
                overSinceNanos = nowNanos;
            }
            boolean farOver = now.bitsPerSecond() > FAR_OVER * estimateBps;
            // Just after a link narrowed, the estimate can still hold what a policer's bucket let
            // through: the layer gone to must leave the room a move up to it would.
            Choice lower = bestFitting(options, estimateBps, farOver ? UP : FIT);
            if ((lostAfterUp || lossyAndFull) && isAtOrAbove(lower, now)) {
                lower = choice(options[currentStep + 1], lostAfterUp ? Reason.LOST_AFTER_UP : Reason.FITS_ESTIMATE);
            }
            if (isAtOrAbove(lower, now)) {
                return choice(now, Reason.LOWEST_BELOW_ESTIMATE);
            }
            if (!farOver && nowNanos - overSinceNanos < DOWN_AFTER_MILLIS * 1_000_000) {
                return choice(now, Reason.HELD);
            }
            // The over-since time stays: until the lower layer's keyframe makes it current, each
            // choice must want it again, or the switch would be called off.
            if (nowNanos - lastDownNanos > DOWN_AFTER_MILLIS * 1_000_000) {
                boolean flapped = nowNanos - lastUpNanos < FLAP_MILLIS * 1_000_000;
                holdNanos = flapped ? Math.min(2 * holdNanos, MAX_HOLD_MILLIS * 1_000_000)
                        : HOLD_AFTER_DOWN_MILLIS * 1_000_000;
            }
            lastDownNanos = nowNanos;
            if (lostAfterUp) {
                lossyStream = now.stream();
                lossyTemporal = now.temporalLayer();
            }
            return farOver ? new Choice(lower.stream(), lower.rank(), lower.temporalLayer(), lower.reason(), true)
                    : lower;
        }
        overSinceNanos = NOT_OVER;
        if (nowNanos - lastDownNanos >= holdNanos) {
            for (int i = 0; i < currentStep; i++) {
                if (options[i].upBitsPerSecond() <= UP * estimateBps) {
                    lastUpNanos = nowNanos;
                    lossAtUp = lossFraction;
                    lossyStream = null;
                    return choice(options[i], Reason.FITS_ESTIMATE);
                }
            }
        }
        boolean fits = now.bitsPerSecond() <= FIT * estimateBps;
        return choice(now, fits ? Reason.FITS_ESTIMATE : Reason.HELD);
    }

    /**
     * Whether the layers are the one stream of a track without simulcast (its rid null), where
     * {@link Quality#LOW} is its base temporal layer, since there is no other layer to pick;
     * {@link Quality#HIGH} and {@link Quality#MEDIUM} are the stream whole.
     */
    private static boolean isSingleStream(Layer[] ranked) {
        return ranked.length == 1 && ranked[0].stream().rid() == null;
    }

    /**
     * The steps chosen from, best first: each layer whole, then, where it has temporal layers,
     * without its top one (half the frame rate with two or three layers) where that leaves at
     * least {@value #MIN_FRAME_RATE} frames a second (below it, the next layer's smaller picture
     * at the full rate looks better: a 20 fps broadcast in three temporal layers falls to 10),
     * and the lowest layer down to its base temporal layer, as there is nothing lower to go to.
     */
    private static Option[] ladder(Layer[] ranked) {
        int steps = 0;
        for (int i = 0; i < ranked.length; i++) {
            steps += 1 + reducedSteps(ranked[i], i == ranked.length - 1);
        }
        Option[] options = new Option[steps];
        int n = 0;
        for (int i = 0; i < ranked.length; i++) {
            Layer layer = ranked[i];
            options[n++] = new Option(layer.stream(), i, ALL_TEMPORAL_LAYERS, layer.bitsPerSecond(),
                    layer.peakBitsPerSecond());
            long[] temporal = layer.temporalBitsPerSecond();
            int reduced = reducedSteps(layer, i == ranked.length - 1);
            for (int k = 1; k <= reduced; k++) {
                int top = temporal.length - 1 - k;
                options[n++] = new Option(layer.stream(), i, top, temporal[top], temporal[top]);
            }
        }
        return options;
    }

    private static int reducedSteps(Layer layer, boolean lowest) {
        int layers = layer.temporalBitsPerSecond().length;
        if (layers < 2) {
            return 0;
        }
        if (lowest) {
            return layers - 1;
        }
        long frames = layer.framesPerSecond(layers - 2);
        return frames < 0 || frames >= MIN_FRAME_RATE ? 1 : 0;
    }

    /** The step forwarded now: the layer at its temporal layer, or whole when that is not a step; -1 if none. */
    private static int step(Option[] options, ReceiveStream current, int currentTemporal) {
        int whole = -1;
        for (int i = 0; i < options.length; i++) {
            if (options[i].stream() == current) {
                if (options[i].temporalLayer() == currentTemporal) {
                    return i;
                }
                whole = whole < 0 ? i : whole;
            }
        }
        return whole;
    }

    /** Whether {@code candidate} is {@code now}'s step or a better one. */
    private static boolean isAtOrAbove(Choice candidate, Option now) {
        if (candidate.rank() != now.rank()) {
            return candidate.rank() < now.rank();
        }
        return candidate.temporalLayer() == ALL_TEMPORAL_LAYERS
                || now.temporalLayer() != ALL_TEMPORAL_LAYERS && candidate.temporalLayer() >= now.temporalLayer();
    }

    private static Choice choice(Option option, Reason reason) {
        return new Choice(option.stream(), option.rank(), option.temporalLayer(), reason, false);
    }

    /** The best step taking at most {@code share} of the estimate, else the lowest. */
    private static Choice bestFitting(Option[] options, long estimateBps, double share) {
        for (Option option : options) {
            if (option.bitsPerSecond() <= share * estimateBps) {
                return choice(option, Reason.FITS_ESTIMATE);
            }
        }
        return choice(options[options.length - 1], Reason.LOWEST_BELOW_ESTIMATE);
    }
}
