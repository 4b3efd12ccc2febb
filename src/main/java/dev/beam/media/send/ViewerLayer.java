package dev.beam.media.send;

import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.TrackLayers;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The layer one viewer receives of one video track (and how many of its temporal layers, see
 * {@link LayerSelector}), and the switch to another simulcast layer: the layer
 * chosen stays forwarded until a keyframe of the next one arrives (asked for, and throttled per
 * layer by its {@code KeyframeRequester}), so the viewer's decoder never gets a frame whose
 * reference it lacks. The choice is made again every {@value #CHOOSE_EVERY_MILLIS} ms. A track
 * without simulcast has one layer: what it sends is forwarded, whether ranked or not (it may
 * have been idle), and the choice says only how many of its temporal layers go.
 *
 * <p>Threads: {@link #admits} on the viewer's fan-out shard; the quality is set from any thread.
 */
public final class ViewerLayer {
    static final long CHOOSE_EVERY_MILLIS = 100;

    private final TrackLayers layers;
    private final LongSupplier estimateBps;
    private final DoubleSupplier lossFraction;
    private final LayerSelector selector = new LayerSelector();
    private volatile Quality quality = Quality.AUTO;
    private volatile LayerSelector.Choice choice = LayerSelector.Choice.NONE;
    private long chosenNanos;
    private TrackLayers.Layer[] chosenFrom;
    /**
     * A layer a choice stopped at once ({@link LayerSelector.Choice#stopsCurrent}): frames of it
     * were dropped, so it goes on again only from a keyframe, even if chosen again before the
     * switch. The shard's.
     */
    private ReceiveStream stopped;

    /**
     * @param estimateBps  the viewer's bandwidth estimate, {@link Long#MAX_VALUE} while unknown
     * @param lossFraction the share of its packets it lost lately, 0..1
     */
    public ViewerLayer(TrackLayers layers, LongSupplier estimateBps, DoubleSupplier lossFraction) {
        this.layers = layers;
        this.estimateBps = estimateBps;
        this.lossFraction = lossFraction;
    }

    public void setQuality(Quality quality) {
        this.quality = quality;
    }

    public Quality quality() {
        return quality;
    }

    /** Whether the track has simulcast layers to choose from, rather than one stream. */
    public boolean isSimulcast() {
        return layers.track().isSimulcast();
    }

    /** The latest choice: the layer wanted, its rank and why. */
    public LayerSelector.Choice choice() {
        return choice;
    }

    /**
     * The rate to probe the viewer's bandwidth up to (see {@link Prober}): the most the next
     * better layer carried lately times {@link Prober#OVERSHOOT}, or the layer's own whole while
     * some of its temporal layers are dropped, under {@link Quality#AUTO} and below the best
     * layer; else 0.
     */
    public long probeTargetBps() {
        LayerSelector.Choice latest = choice;
        TrackLayers.Layer[] ranked = layers.ranked();
        if (quality != Quality.AUTO || latest.rank() < 0 || latest.rank() >= ranked.length) {
            return 0;
        }
        if (latest.temporalLayer() != LayerSelector.ALL_TEMPORAL_LAYERS) {
            return (long) (ranked[latest.rank()].peakBitsPerSecond() * Prober.OVERSHOOT); // the layer whole
        }
        return latest.rank() == 0 ? 0 : (long) (ranked[latest.rank() - 1].peakBitsPerSecond() * Prober.OVERSHOOT);
    }

    /**
     * What operators see: the quality asked for, the layer wanted (its rid; null while none
     * sends, rank -1, and for the one layer of a track without simulcast, rank 0), why, and the
     * highest temporal layer of it wanted
     * ({@link LayerSelector#ALL_TEMPORAL_LAYERS}, -1, for all).
     */
    public record State(Quality quality, String rid, int rank, LayerSelector.Reason reason, int temporalLayer) {
    }

    public State state() {
        LayerSelector.Choice latest = choice;
        return new State(quality, latest.stream() == null ? null : latest.stream().rid(), latest.rank(),
                latest.reason(), latest.temporalLayer());
    }

    /**
     * Whether a packet of {@code stream} goes on to the viewer, which receives {@code current}
     * now (null before its first) up to temporal layer {@code currentTemporal}: the current
     * layer's until the switch (unless the choice stops it at once), then the wanted one's from
     * its first keyframe; without simulcast,
     * every packet (a new source waits for its keyframe in the send stream, as without a layer
     * choice). Which of its temporal layers go is the send stream's to judge, from {@link #choice}.
     *
     * <p>A viewer starts on the wanted layer's own keyframe, not on a lower layer's that may come
     * sooner: its estimate would soon be capped near what that layer carries (GCC's estimate
     * follows what the viewer is seen to receive), and it would climb back one probe at a time.
     */
    boolean admits(ReceiveStream stream, ReceiveStream current, int currentTemporal, boolean keyframeStart,
            long nowNanos) {
        LayerSelector.Choice wanted = choose(current, currentTemporal, nowNanos);
        if (!layers.track().isSimulcast()) {
            return true;
        }
        if (wanted.stopsCurrent() && current != null && current != wanted.stream()) {
            stopped = current;
        }
        if (stream == wanted.stream()) {
            if (stream == current && stream != stopped || keyframeStart) {
                if (stream == stopped) {
                    stopped = null;
                }
                return true;
            }
            stream.requestKeyframe();
            return false;
        }
        return stream == current && stream != stopped && wanted.stream() != null;
    }

    private LayerSelector.Choice choose(ReceiveStream current, int currentTemporal, long nowNanos) {
        TrackLayers.Layer[] ranked = layers.ranked();
        if (ranked != chosenFrom || nowNanos - chosenNanos >= CHOOSE_EVERY_MILLIS * 1_000_000) {
            choice = selector.choose(ranked, quality, current, currentTemporal, estimateBps.getAsLong(),
                    lossFraction.getAsDouble(), nowNanos);
            chosenFrom = ranked;
            chosenNanos = nowNanos;
        }
        return choice;
    }
}
