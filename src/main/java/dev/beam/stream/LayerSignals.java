package dev.beam.stream;

import dev.beam.config.SimulcastSettings;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.receive.TrackLayers;
import dev.beam.media.send.ViewerLayer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a second, tells each viewer what its video is now (its layer and estimate, for the
 * page's stats overlay) when that changed, and each broadcaster which simulcast layers its
 * viewers need ({@link LayerDemand}) when that changed. Runs on the managed scheduler, one tick
 * at a time, so its state needs no lock.
 */
@ApplicationScoped
public class LayerSignals {
    private static final Logger LOG = Logger.getLogger(LayerSignals.class.getName());
    static final long PERIOD_MILLIS = 1000;

    @Resource(lookup = "concurrent/beamScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    Broadcasts broadcasts;

    @Inject
    SimulcastSettings settings;

    private final Map<LiveBroadcast, LayerDemand> demands = new HashMap<>();
    private final Map<Viewing, ViewerDelivery> told = new HashMap<>();
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tick() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "layer signals failed; they go on at the next tick", e); // a failed run would end the schedule
        }
    }

    void tick(long nowNanos) {
        Set<LiveBroadcast> live = new HashSet<>();
        Set<Viewing> viewings = new HashSet<>();
        for (LiveBroadcast broadcast : broadcasts.liveBroadcasts()) {
            if (broadcast.isEnded()) {
                continue;
            }
            live.add(broadcast);
            viewings.addAll(broadcast.viewings());
            broadcast.viewings().forEach(this::tellViewer);
            askBroadcaster(broadcast, nowNanos);
        }
        demands.keySet().retainAll(live);
        told.keySet().retainAll(viewings);
    }

    private void tellViewer(Viewing viewing) {
        ViewerLayer layer = viewing.session().layer();
        ViewerDelivery delivery = ViewerDelivery.of(layer == null ? null : layer.state(),
                viewing.session().bandwidth());
        if ((delivery.quality() != null || delivery.estimateBps() != null) && delivery.isNewsAfter(told.get(viewing))) {
            told.put(viewing, delivery);
            viewing.client().layerChanged(viewing.id(), delivery);
        }
    }

    private void askBroadcaster(LiveBroadcast broadcast, long nowNanos) {
        SourceTrack video = broadcast.session().tracks().stream().filter(SourceTrack::isSimulcast).findFirst()
                .orElse(null);
        if (video == null) {
            return;
        }
        TrackLayers layers = broadcast.session().layers(video);
        List<String> sending = Arrays.stream(layers.ranked()).map(layer -> layer.stream().rid()).toList();
        List<LayerDemand.Need> needs = new ArrayList<>();
        for (Viewing viewing : broadcast.viewings()) {
            ViewerLayer layer = viewing.session().layer();
            if (layer != null && layer.isSimulcast()) {
                ViewerLayer.State state = layer.state();
                needs.add(new LayerDemand.Need(state.quality(), state.rid(), viewing.session().bandwidth() != null));
            }
        }
        LayerDemand demand = demands.computeIfAbsent(broadcast,
                b -> new LayerDemand(video.rids(), settings.pauseAfter().toNanos()));
        demand.update(sending, needs, nowNanos).ifPresent(active -> {
            List<String> paused = demand.paused();
            LOG.fine(() -> "[room " + broadcast.broadcaster().room().name() + "] broadcaster "
                    + broadcast.broadcaster().id() + " asked for layers " + active + ", " + paused + " paused");
            broadcast.client().sendLayers(broadcast.id(), active, paused);
        });
    }
}
