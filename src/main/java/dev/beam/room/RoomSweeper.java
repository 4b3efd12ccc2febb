package dev.beam.room;

import dev.beam.config.RoomSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs the registry's idle-room sweep on a managed scheduler for the life of the application. */
@ApplicationScoped
public class RoomSweeper {
    private static final Duration MAX_PERIOD = Duration.ofSeconds(30);

    @Resource(lookup = "concurrent/beamScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    RoomRegistry registry;

    @Inject
    RoomSettings settings;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long periodMillis = Math.max(1000, Math.min(MAX_PERIOD.toMillis(), settings.idleTimeout().toMillis() / 4));
        task = scheduler.scheduleWithFixedDelay(registry::sweepIdleRooms, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
