package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.loadgen.LoadOptions;
import dev.beam.loadgen.LoadReport;
import dev.beam.loadgen.LoadRun;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A live broadcast in one room (the load generator, as a canary) keeps its latency while another
 * client opens 3,000 WebSocket connections in bursts and closes them; afterwards the signaling
 * endpoint answers as before. Connections the server refuses (its limits) count as fine.
 */
class FloodCanaryIT {
    private static final int CONNECTIONS = Integer.getInteger("beam.flood.connections", 3_000);
    private static final int BURST = 300;
    private static final Duration BURST_TIMEOUT = Duration.ofSeconds(15);
    private static final int MEASURED_SECONDS = 40;
    private static final double MAX_P99_MS = 100;

    @Test
    void aConnectionFloodCostsALiveBroadcastNoLatency() throws Exception {
        CountDownLatch measuring = new CountDownLatch(1);
        PrintStream progress = new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    String text = line.toString();
                    System.out.println("canary: " + text);
                    if (text.startsWith("measuring")) {
                        measuring.countDown();
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true, StandardCharsets.UTF_8);
        LoadOptions defaults = LoadOptions.defaults();
        LoadOptions canary = new LoadOptions(TestServer.uri(), null, 5, MEASURED_SECONDS, defaults.warmupSeconds(),
                1, 1_000_000, defaults.fps(), defaults.keyframeIntervalSeconds(), 5, defaults.joinTimeoutSeconds(),
                0, 0, LoadOptions.NONE, LoadOptions.NONE, LoadOptions.NONE);

        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<LoadReport> report = background.submit(() -> LoadRun.run(canary, progress));
            assertTrue(measuring.await(60, TimeUnit.SECONDS), "the canary broadcast started");
            long floodStart = System.nanoTime();
            Map<String, Integer> outcomes = floodFromAnotherProcess(MEASURED_SECONDS - 5);
            System.out.printf("flood: %s in %.1f s%n", outcomes, (System.nanoTime() - floodStart) / 1e9);
            LoadReport result = report.get(MEASURED_SECONDS + 60, TimeUnit.SECONDS);

            printThreads();
            System.out.printf("canary under the flood: %d viewers, loss %d of %d, latency p50 %.2f ms p99 %.2f ms max %.2f ms%n",
                    result.viewers().connected(), result.packets().lost(), result.packets().expected(),
                    result.latency().p50Ms(), result.latency().p99Ms(), result.latency().maxMs());
            assertEquals(0, outcomes.get("not-tried"), "every connection was tried in time: " + outcomes);
            assertEquals(5, result.viewers().connected(), "the canary's viewers connected: " + result.viewers().failures());
            assertEquals(0, result.viewers().disconnected(), "and stayed");
            assertTrue(result.latency().p99Ms() < MAX_P99_MS, "p99 latency " + result.latency().p99Ms() + " ms");
        } finally {
            background.shutdownNow();
        }

        try (SignalingClient after = SignalingClient.connect(TestServer.uri())) {
            long asked = System.nanoTime();
            assertEquals("room-joined", after.request("join-room", "\"room\":\"after-flood\",\"role\":\"viewer\"").getString("type"));
            System.out.printf("after the flood, join-room answered in %.1f ms%n", (System.nanoTime() - asked) / 1e6);
        }
    }

    private static void printThreads() throws Exception {
        Map<String, Long> byName = new TreeMap<>();
        ServerProcess.started().threadNames().forEach(name -> byName.merge(name.replaceAll("[-_ ]?\\d+$", ""), 1L, Long::sum));
        System.out.println("server threads after the flood: " + byName);
    }

    /**
     * The flood comes from a JVM of its own, as from another client: its threads and collections
     * then weigh on the canary's measurements no more than any other process's would.
     */
    private static Map<String, Integer> floodFromAnotherProcess(int seconds) throws Exception {
        String classPath = System.getProperty("java.class.path");
        // Niced: an attacker's CPU is not the server's; here it shares the machine, and must not
        // take the CPU the server and the canary's measuring clients need.
        Process flooder = new ProcessBuilder("nice", "-n", "10", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dbeam.http.port=" + TestServer.uri().getPort(), "-Dbeam.flood.connections=" + CONNECTIONS,
                FloodCanaryIT.class.getName(),
                Integer.toString(seconds)).redirectErrorStream(true).start();
        String output = new String(flooder.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!flooder.waitFor(seconds + 30L, TimeUnit.SECONDS) || flooder.exitValue() != 0) {
            flooder.destroyForcibly();
            throw new AssertionError("the flooding process failed: " + output);
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (String pair : output.strip().lines().reduce((first, last) -> last).orElse("").split(" ")) {
            String[] kv = pair.split("=");
            outcomes.put(kv[0], Integer.parseInt(kv[1]));
        }
        return outcomes;
    }

    /** The flooding process: floods for at most the seconds given, prints "outcome=count ..." last. */
    public static void main(String[] args) {
        Map<String, Integer> outcomes = flood(System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[0])));
        StringBuilder line = new StringBuilder();
        outcomes.forEach((outcome, count) -> line.append(line.length() == 0 ? "" : " ").append(outcome).append('=').append(count));
        System.out.println(line);
        System.exit(0);
    }

    /**
     * Opens {@link #CONNECTIONS} WebSocket connections, {@link #BURST} at once, closing each burst
     * before the next; stops early at {@code deadline}. Returns how many ended how.
     */
    static Map<String, Integer> flood(long deadline) {
        Map<String, AtomicInteger> outcomes = new TreeMap<>();
        for (String outcome : List.of("opened", "refused", "not-tried")) {
            outcomes.put(outcome, new AtomicInteger());
        }
        URI ws = URI.create("ws://" + TestServer.uri().getAuthority() + "/ws");
        ExecutorService io = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().executor(io).connectTimeout(BURST_TIMEOUT).build();
        try {
            for (int sent = 0; sent < CONNECTIONS; sent += BURST) {
                if (System.nanoTime() > deadline) {
                    outcomes.get("not-tried").addAndGet(CONNECTIONS - sent);
                    break;
                }
                List<CompletableFuture<WebSocket>> burst = new ArrayList<>();
                for (int i = 0; i < Math.min(BURST, CONNECTIONS - sent); i++) {
                    burst.add(client.newWebSocketBuilder().connectTimeout(BURST_TIMEOUT)
                            .buildAsync(ws, new WebSocket.Listener() { }));
                }
                for (CompletableFuture<WebSocket> each : burst) {
                    try {
                        WebSocket socket = each.get(BURST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        outcomes.get("opened").incrementAndGet();
                        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS)
                                .whenComplete((closed, failure) -> socket.abort());
                    } catch (Exception e) {
                        outcomes.get("refused").incrementAndGet();
                        each.thenAccept(WebSocket::abort);
                    }
                }
            }
        } finally {
            io.shutdownNow();
        }
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
        return counts;
    }
}
