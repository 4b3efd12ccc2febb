package dev.beam.stream;

import dev.beam.config.MediaLimits;
import dev.beam.config.MediaSettings;
import dev.beam.health.ReadinessProbe;
import dev.beam.media.EngineSettings;
import dev.beam.media.MediaEngine;
import dev.beam.media.MediaStats;
import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.IceAdmission;
import dev.beam.media.transport.MediaPort;
import dev.beam.media.transport.TcpPortSettings;
import dev.beam.media.transport.WebRtcTransport;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the media plane with the application: binds the UDP port, makes the DTLS certificate,
 * and hands the media engine its threads, none shared with Liberty's request or WebSocket threads:
 * a pool of {@code MEDIA_WORKERS} media workers for packet work, made by the server's managed
 * thread factory; a virtual thread for each DTLS handshake; and the managed scheduler for its
 * timers. Ready while the port is bound.
 */
@ApplicationScoped
public class MediaService implements ReadinessProbe {
    private static final Logger LOG = Logger.getLogger(MediaService.class.getName());

    @Resource(lookup = "concurrent/beamMediaThreads")
    ManagedThreadFactory threads;

    @Resource(lookup = "concurrent/beamScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    MediaSettings settings;

    @Inject
    MediaLimits limits;

    @Inject
    TcpPortSettings tcpSettings;

    @Inject
    Clock clock;

    private final MediaStats stats = new MediaStats();
    private volatile MediaEngine engine;
    private ForkJoinPool workers;
    private ExecutorService handshakes;
    private ScheduledFuture<?> consentTimer;
    private ScheduledFuture<?> rtcpTimer;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            // A batched sender for each media worker, and spares for the pool's extra threads.
            MediaPort port = MediaPort.bind(settings.listenIp(), settings.announcedIp().orElse(null), settings.port(),
                    settings.workers() + 2, settings.receiveBufferBytes(),
                    new IceAdmission(limits.maxSourcesPerSession(), stats), tcpSettings);
            // asyncMode: first in, first out, the order packets should go in.
            workers = new ForkJoinPool(settings.workers(), threads, this::uncaught, true);
            // BouncyCastle's DTLS blocks while it waits for the peer's next flight. On a virtual
            // thread that wait holds no platform thread, so a stalled handshake costs only its
            // memory, and starting one (on ice4j's receive thread) never waits for a pool. They
            // run no application code, so they need no context from the managed factory.
            handshakes = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("beam-dtls-", 0).factory());
            EngineSettings engineSettings = new EngineSettings(settings.workers(), settings.maxDelay(),
                    new WebRtcTransport.Consent(settings.consentInterval(), settings.consentTimeout(),
                            limits.connectTimeout()),
                    EngineSettings.DEFAULT_PEER_QUEUE, limits.maxHandshakes(), limits.maxPending());
            engine = new MediaEngine(port, DtlsCertificate.generate(), workers, handshakes, clock, System::nanoTime,
                    stats, engineSettings);
            // Consent is checked several times per interval, so a check goes out close to when it is due.
            long consentTick = Math.max(50, Math.min(250, settings.consentInterval().toMillis() / 4));
            consentTimer = scheduler.scheduleWithFixedDelay(engine::keepConsent, consentTick, consentTick,
                    TimeUnit.MILLISECONDS);
            rtcpTimer = scheduler.scheduleWithFixedDelay(engine::tick,
                    MediaEngine.TICK_MILLIS, MediaEngine.TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "media plane not started: " + e.getMessage()
                    + " (check MEDIA_LISTEN_IP, MEDIA_PORT and MEDIA_TCP_PORT); broadcasts are refused until it is fixed", e);
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
        if (consentTimer != null) {
            consentTimer.cancel(false);
            rtcpTimer.cancel(false);
        }
        if (engine != null) {
            engine.close();
        }
        if (workers != null) {
            workers.shutdownNow();
            handshakes.shutdownNow();
        }
    }

    private void uncaught(Thread thread, Throwable e) {
        LOG.log(Level.SEVERE, "media worker " + thread.getName() + " died", e);
    }
}
