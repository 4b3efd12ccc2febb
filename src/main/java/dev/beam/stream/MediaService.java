package dev.beam.stream;

import dev.beam.config.MediaSettings;
import dev.beam.health.ReadinessProbe;
import dev.beam.media.MediaEngine;
import dev.beam.media.MediaStats;
import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.MediaPort;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the media plane with the application: binds the UDP port, makes the DTLS certificate,
 * and hands the media engine the server's managed executor. Ready while the port is bound.
 */
@ApplicationScoped
public class MediaService implements ReadinessProbe {
    private static final Logger LOG = Logger.getLogger(MediaService.class.getName());
    private static final long LIVENESS_CHECK_SECONDS = 2;

    @Resource(lookup = "concurrent/beamMediaExecutor")
    ManagedExecutorService executor;

    @Resource(lookup = "concurrent/beamScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    MediaSettings settings;

    @Inject
    Clock clock;

    private final MediaStats stats = new MediaStats();
    private volatile MediaEngine engine;
    private ScheduledFuture<?> livenessCheck;
    private ScheduledFuture<?> rtcpTick;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            MediaPort port = MediaPort.bind(settings.listenIp(), settings.announcedIp().orElse(null), settings.port());
            engine = new MediaEngine(port, DtlsCertificate.generate(), executor, clock, System::nanoTime, stats);
            livenessCheck = scheduler.scheduleWithFixedDelay(engine::checkAlive,
                    LIVENESS_CHECK_SECONDS, LIVENESS_CHECK_SECONDS, TimeUnit.SECONDS);
            rtcpTick = scheduler.scheduleWithFixedDelay(engine::tick,
                    MediaEngine.TICK_MILLIS, MediaEngine.TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "media plane not started: " + e.getMessage()
                    + " (check MEDIA_LISTEN_IP and MEDIA_PORT); broadcasts are refused until it is fixed", e);
        }
    }

    /** The engine, absent when the UDP port could not be bound. */
    public Optional<MediaEngine> engine() {
        return Optional.ofNullable(engine);
    }

    public MediaStats stats() {
        return stats;
    }

    public MediaSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "media-udp-port";
    }

    @Override
    public boolean ready() {
        MediaEngine current = engine;
        return current != null && current.isReady();
    }

    @PreDestroy
    void stop() {
        if (livenessCheck != null) {
            livenessCheck.cancel(false);
            rtcpTick.cancel(false);
        }
        if (engine != null) {
            engine.close();
        }
    }
}
