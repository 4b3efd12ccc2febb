package dev.beam.loadgen;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.SocketDrops;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.media.transport.SrtpTransformer;
import dev.beam.testpeer.PeerConnection;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One load run, start to end: a publisher, then N viewers joining a few at a time, a warm-up,
 * the measurement window, and everything closed again. Every wait is bounded. The entry point
 * for bin/loadgen and for tests that run a load in-process and assert on the {@link LoadReport}.
 */
public final class LoadRun {
    /** After the window, time for packets sent inside it to arrive. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** A viewer that got no media for this long before the window's end dropped out. */
    private static final Duration SILENCE = Duration.ofSeconds(2);
    private static final int HANDSHAKE_THREADS = 4;
    private static final int MAX_FAILURES_LISTED = 5;

    private final LoadOptions options;
    private final PrintStream progress;
    private final String room;
    private final ServerProbe probe;

    private LoadRun(LoadOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
        this.room = options.roomOrRandom();
        this.probe = new ServerProbe(options.serverPid(), ClockTicks.detect());
    }

    /** Runs with progress on stderr. */
    public static LoadReport run(LoadOptions options) throws InterruptedException {
        return run(options, System.err);
    }

    /**
     * Runs the load; IllegalStateException when it cannot start (no server, the room refused
     * the broadcaster). Viewers that fail are counted in the report, not thrown.
     */
    public static LoadReport run(LoadOptions options, PrintStream progress) throws InterruptedException {
        return new LoadRun(options, progress).run();
    }

    private LoadReport run() throws InterruptedException {
        ExecutorService httpThreads = Executors.newFixedThreadPool(2, daemons("loadgen-http"));
        ExecutorService handshakes = Executors.newFixedThreadPool(HANDSHAKE_THREADS, daemons("loadgen-dtls"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemons("loadgen-timer"));
        Duration joinTimeout = Duration.ofSeconds(options.joinTimeoutSeconds());
        List<Viewer> viewers = new ArrayList<>();
        Publisher publisher = null;
        ReceiveWorkers workers = new ReceiveWorkers(options.workers());
        try {
            SrtpTransformer.warmUp(); // loads the native AES once, not on a receive thread
            LoadContext context = new LoadContext(HttpClient.newBuilder().executor(httpThreads)
                    .connectTimeout(joinTimeout).build(), options.server(), room, workers, timer,
                    new PeerConnection.Settings(joinTimeout, handshakes, timer, SrtpProfile.preferenceIds()),
                    DtlsCertificate.generate(), new MeasurementWindow(), joinTimeout);
            publisher = startPublisher(context, joinTimeout);
            long rssBefore = probe.residentKb();

            JoinResult joined = joinViewers(context, viewers, timer);
            sleep(Duration.ofSeconds(options.warmupSeconds()));

            ServerProbe.Sample start = probe.sample();
            long windowStart = System.nanoTime();
            long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(options.durationSeconds());
            context.window().open(windowStart, windowEnd);
            progress.printf("measuring for %d s ...%n", options.durationSeconds());
            sleepUntil(windowEnd);
            ServerProbe.Sample end = probe.sample();
            long rssAfter = probe.residentKb();
            sleep(GRACE);
            publisher.stopSending();

            int disconnected = (int) viewers.stream().filter(v -> v.droppedBefore(windowEnd, SILENCE)).count();
            long consentAnswered = viewers.stream().mapToLong(Viewer::consentChecksAnswered).sum();
            long udpDrops = new SocketDrops(Path.of("/proc/net"))
                    .on(viewers.stream().map(Viewer::localPort).collect(Collectors.toSet()));
            closeAll(viewers); // orders the viewers' measurements before the reads below
            workers.close(); // and so does stopping the threads that fed them
            return new ReportBuilder(options, room, (windowEnd - windowStart) / 1e9, publisher, viewers)
                    .build(joined, disconnected, consentAnswered, udpDrops, probe, start, end, rssBefore, rssAfter);
        } finally {
            closeAll(viewers);
            if (publisher != null) {
                publisher.close();
            }
            workers.close();
            timer.shutdownNow();
            handshakes.shutdownNow();
            httpThreads.shutdownNow();
        }
    }

    private Publisher startPublisher(LoadContext context, Duration joinTimeout) throws InterruptedException {
        progress.printf("publisher joining room %s at %s ...%n", room, options.server());
        try {
            Publisher publisher = Publisher.connect(context, options);
            // A bound in case the run is cut short: joining at worst, warm-up, window, grace.
            long joinBound = joinTimeout.toNanos() * (options.viewers() / options.joinParallel() + 2);
            publisher.startSending(System.nanoTime() + joinBound
                    + TimeUnit.SECONDS.toNanos(options.warmupSeconds() + options.durationSeconds() + 5));
            return publisher;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the publisher could not start: " + cause, cause);
        }
    }

    /** Which viewers joined and why the first few did not. */
    record JoinResult(int failed, List<String> failures) {
    }

    private JoinResult joinViewers(LoadContext context, List<Viewer> joined, ScheduledExecutorService timer)
            throws InterruptedException {
        int n = options.viewers();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Semaphore slots = new Semaphore(options.joinParallel());
        List<CompletableFuture<?>> joins = new ArrayList<>();
        var report = timer.scheduleAtFixedRate(() -> progress.printf("viewers connected %d/%d (%d failed)%n",
                connected.get(), n, failed.get()), 1, 1, TimeUnit.SECONDS);
        try {
            for (int i = 0; i < n; i++) {
                if (!slots.tryAcquire(options.joinTimeoutSeconds() + 5L, TimeUnit.SECONDS)) {
                    break; // joins are bounded by the join timeout, so this means the process is stuck
                }
                joins.add(Viewer.join(context, i, Duration.ofSeconds(options.receiverReportSeconds()),
                        Duration.ofSeconds(options.consentCheckSeconds())).whenComplete((viewer, failure) -> {
                            slots.release();
                            synchronized (joined) {
                                if (failure == null) {
                                    joined.add(viewer);
                                    connected.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                    if (failures.size() < MAX_FAILURES_LISTED) {
                                        failures.add(Viewer.reason(failure));
                                    }
                                }
                            }
                        }));
            }
            for (CompletableFuture<?> join : joins) {
                try {
                    join.get(options.joinTimeoutSeconds() + 5L, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // counted by whenComplete above
                }
            }
        } finally {
            report.cancel(false);
        }
        synchronized (joined) {
            int notStarted = n - joins.size();
            progress.printf("viewers connected %d/%d (%d failed)%n", joined.size(), n, failed.get() + notStarted);
            return new JoinResult(failed.get() + notStarted, List.copyOf(failures));
        }
    }

    private static void closeAll(List<Viewer> viewers) {
        synchronized (viewers) {
            viewers.forEach(Viewer::close);
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        sleepUntil(System.nanoTime() + d.toNanos());
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
