package dev.beam.signaling;

import dev.beam.config.SignalingSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link Heartbeat} of all signaling connections, and the end of sessions not resumed
 * within their grace period, on the server's managed scheduler.
 */
@ApplicationScoped
public class SignalingHeartbeat {

    @Resource(lookup = "concurrent/beamScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    Clock clock;

    @Inject
    SignalingSettings settings;

    @Inject
    SignalingService service;

    private Heartbeat heartbeat;
    private ScheduledFuture<?> task;
    private ScheduledFuture<?> expiry;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        heartbeat = new Heartbeat(clock, settings.pingTimeout());
        long interval = settings.pingInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(heartbeat::beat, interval, interval, TimeUnit.MILLISECONDS);
        expiry = scheduler.scheduleWithFixedDelay(service::expireDetached, 1, 1, TimeUnit.SECONDS);
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
            expiry.cancel(false);
        }
    }
}
