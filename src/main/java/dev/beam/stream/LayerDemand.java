package dev.beam.stream;

import dev.beam.media.send.Quality;
import java.util.List;
import java.util.Optional;

/**
 * Which simulcast layers of a broadcast its viewers need, so that the broadcaster's page can stop
 * encoding and sending the others (RFC 8853 leaves pausing a layer to the application: the page
 * sets its encoding inactive). A viewer needs the layer it gets or is moving to, the one it asks
 * for, or, without a bandwidth estimate, the best. The layer just above the best one needed stays
 * on too, so that a viewer whose estimate grows has it to probe for and go up to. The layers
 * above that are paused once nobody has needed them for {@code SIMULCAST_PAUSE_AFTER_MS} (a
 * viewer dropping a layer for a moment must not cost the broadcaster's encoder a restart), and
 * resumed as soon as one does. Layers below stay on: they are where a viewer whose link narrows
 * falls to at once, and cost the broadcaster a fraction of the top layer's bits.
 *
 * <p>Layers are ordered best first as ranked while all of them send; a paused layer keeps its
 * place. Pure logic: the caller passes the time. Not thread-safe.
 */
final class LayerDemand {
    private static final long NOT_PAUSABLE = Long.MIN_VALUE;

    /** What one viewer's layer choice needs: its quality, the rid chosen (null before any), whether it has an estimate. */
    record Need(Quality quality, String rid, boolean estimateKnown) {
    }

    private final List<String> rids;
    private final long pauseAfterNanos;
    /** The layers best first; empty until every layer has been seen sending at once. */
    private List<String> order = List.of();
    /** The layers from this index of {@link #order} on are asked for. */
    private int activeFrom;
    private long pausableSinceNanos = NOT_PAUSABLE;

    /** @param rids the broadcast's layers as negotiated, all sending at first */
    LayerDemand(List<String> rids, long pauseAfterNanos) {
        this.rids = List.copyOf(rids);
        this.pauseAfterNanos = pauseAfterNanos;
    }

    /**
     * @param sending the rids sending now, best first
     * @param needs   one per viewer of the broadcast
     * @return the rids to ask for, when that changed since the last call
     */
    Optional<List<String>> update(List<String> sending, List<Need> needs, long nowNanos) {
        if (order.isEmpty()) {
            if (sending.size() < rids.size() || !sending.containsAll(rids)) {
                return Optional.empty();
            }
            order = List.copyOf(sending);
        }
        int best = order.size() - 1;
        for (Need need : needs) {
            best = Math.min(best, indexOf(need));
        }
        int wanted = Math.max(0, best - 1);
        if (wanted < activeFrom) {
            activeFrom = wanted;
            pausableSinceNanos = NOT_PAUSABLE;
            return Optional.of(active());
        }
        if (wanted == activeFrom) {
            pausableSinceNanos = NOT_PAUSABLE;
            return Optional.empty();
        }
        if (pausableSinceNanos == NOT_PAUSABLE) {
            pausableSinceNanos = nowNanos;
        }
        if (nowNanos - pausableSinceNanos < pauseAfterNanos) {
            return Optional.empty();
        }
        activeFrom = wanted;
        pausableSinceNanos = NOT_PAUSABLE;
        return Optional.of(active());
    }

    /** The rids asked for now. */
    List<String> active() {
        return order.isEmpty() ? rids : order.subList(activeFrom, order.size());
    }

    /** The rids paused now. */
    List<String> paused() {
        return order.isEmpty() ? List.of() : order.subList(0, activeFrom);
    }

    /** The index in {@link #order} of the best layer the viewer needs. */
    private int indexOf(Need need) {
        int last = order.size() - 1;
        return switch (need.quality()) {
            case HIGH -> 0;
            case MEDIUM -> order.size() / 2;
            case LOW -> last;
            case AUTO -> need.estimateKnown() && need.rid() != null && order.contains(need.rid())
                    ? order.indexOf(need.rid()) : 0;
        };
    }
}
