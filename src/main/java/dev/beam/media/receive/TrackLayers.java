package dev.beam.media.receive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The layers of one broadcaster video track, best first, as viewers choose from them: a track
 * without simulcast has one, its newest stream (rid null), which viewers get whole or without its
 * top temporal layers (see {@code LayerSelector}). Simulcast layers (RFC 8853) are ranked whatever
 * names the publisher gives its rids: by picture size where every layer's is known (VP8 key
 * frames carry it), since a broadcaster short of bandwidth or CPU starves its top layer before the
 * others and its bitrate then says little; else by the bitrate they carry, a layer moving past a
 * better-ranked one only when it carries half as much again, so that two layers of similar rates
 * do not swap ranks back and forth. A layer with no packet for {@value #IDLE_MILLIS} ms (the
 * broadcaster stopped it, for want of CPU or bandwidth) is not offered until it sends again.
 * A layer is offered as costing at least what the layer below it carries: one starved for a
 * moment would look cheap, and a viewer go up to it just before its rate comes back.
 *
 * <p>Ranked on the broadcaster's worker, at each media tick; read from any thread.
 */
public final class TrackLayers {
    static final long IDLE_MILLIS = 1000;
    /** How much more a lower-ranked layer must carry to move up past another. */
    private static final double OVERTAKE = 1.5;

    /**
     * A layer as viewers see it: its stream now, what it carries, and what it carries without
     * its top temporal layers.
     *
     * @param temporalBitsPerSecond element {@code t}: what temporal layers 0 to {@code t} carry;
     *     at most one element when the stream has no temporal layers
     * @param temporalFramesPerSecond element {@code t}: the frames a second of temporal layers 0
     *     to {@code t}; empty where not counted
     * @param peakBitsPerSecond the most it carried over a second lately (a few seconds), at most
     *     a quarter over its rate now (see {@code RecentPeak}): what a viewer must have room for
     *     to go up to it, since an encoder short of CPU for a moment makes a layer look cheaper
     *     than it is
     */
    public record Layer(ReceiveStream stream, long bitsPerSecond, long[] temporalBitsPerSecond,
            long[] temporalFramesPerSecond, long peakBitsPerSecond) {
        /** A layer without temporal layers, at a steady rate. */
        public Layer(ReceiveStream stream, long bitsPerSecond) {
            this(stream, bitsPerSecond, new long[0], new long[0], bitsPerSecond);
        }

        /** A layer at a steady rate whose temporal layers' frame rates are not known. */
        public Layer(ReceiveStream stream, long bitsPerSecond, long[] temporalBitsPerSecond) {
            this(stream, bitsPerSecond, temporalBitsPerSecond, new long[0], bitsPerSecond);
        }

        /** A layer at a steady rate. */
        public Layer(ReceiveStream stream, long bitsPerSecond, long[] temporalBitsPerSecond,
                long[] temporalFramesPerSecond) {
            this(stream, bitsPerSecond, temporalBitsPerSecond, temporalFramesPerSecond, bitsPerSecond);
        }

        /** The frames a second of temporal layers 0 to {@code t}, or -1 where not counted. */
        public long framesPerSecond(int t) {
            return t >= 0 && t < temporalFramesPerSecond.length ? temporalFramesPerSecond[t] : -1;
        }
    }

    private final SourceTrack track;
    /** The broadcaster's worker's: the order of the previous ranking, by rid. */
    private List<String> order;
    private volatile Layer[] ranked = new Layer[0];

    TrackLayers(SourceTrack track) {
        this.track = track;
        this.order = track.rids();
    }

    public SourceTrack track() {
        return track;
    }

    /** The layers sending now, best first; empty before the first ranking. */
    public Layer[] ranked() {
        return ranked;
    }

    /** Ranks the track's current streams (the newest of each rid) by what they carry now. */
    void rank(ReceiveStream[] streams, long nowNanos) {
        if (!track.isSimulcast()) {
            ReceiveStream current = null;
            for (ReceiveStream stream : streams) {
                if (stream.track() == track && !stream.isSuperseded()) {
                    current = stream;
                }
            }
            ranked = isActive(current, nowNanos) ? new Layer[] {layer(current, nowNanos)} : new Layer[0];
            return;
        }
        List<Layer> layers = new ArrayList<>();
        for (String rid : order) {
            ReceiveStream current = null;
            for (ReceiveStream stream : streams) {
                if (stream.track() == track && rid.equals(stream.rid()) && !stream.isSuperseded()) {
                    current = stream;
                }
            }
            if (isActive(current, nowNanos)) {
                layers.add(layer(current, nowNanos));
            }
        }
        Layer[] next = layers.toArray(Layer[]::new);
        boolean sized = layers.stream().allMatch(layer -> layer.stream().keyframePixels() > 0);
        for (int pass = 0; pass < next.length; pass++) {
            for (int i = 0; i + 1 < next.length; i++) {
                boolean overtakes = sized ? next[i + 1].stream().keyframePixels() > next[i].stream().keyframePixels()
                        : next[i + 1].bitsPerSecond() > next[i].bitsPerSecond() * OVERTAKE;
                if (overtakes) {
                    Layer better = next[i + 1];
                    next[i + 1] = next[i];
                    next[i] = better;
                }
            }
        }
        List<String> nextOrder = new ArrayList<>(Arrays.stream(next).map(l -> l.stream().rid()).toList());
        for (String rid : order) {
            if (!nextOrder.contains(rid)) {
                nextOrder.add(rid); // idle layers keep their place after the active ones
            }
        }
        order = List.copyOf(nextOrder);
        for (int i = next.length - 2; i >= 0; i--) {
            next[i] = costingAtLeast(next[i], next[i + 1].bitsPerSecond());
        }
        ranked = next;
    }

    private static boolean isActive(ReceiveStream stream, long nowNanos) {
        return stream != null && stream.lastPacketNanos() != Long.MIN_VALUE
                && nowNanos - stream.lastPacketNanos() < IDLE_MILLIS * 1_000_000;
    }

    private static Layer costingAtLeast(Layer layer, long floorBps) {
        if (layer.bitsPerSecond() >= floorBps) {
            return layer;
        }
        long[] temporal = layer.temporalBitsPerSecond().clone();
        for (int t = 0; t < temporal.length; t++) {
            temporal[t] = Math.max(temporal[t], floorBps);
        }
        return new Layer(layer.stream(), floorBps, temporal, layer.temporalFramesPerSecond(),
                Math.max(layer.peakBitsPerSecond(), floorBps));
    }

    private static Layer layer(ReceiveStream stream, long nowNanos) {
        return new Layer(stream, stream.bitsPerSecond(nowNanos), stream.temporalBitsPerSecond(nowNanos),
                stream.temporalFramesPerSecond(nowNanos), stream.peakBitsPerSecond(nowNanos));
    }
}
