package dev.beam.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A broadcast watched as a canary while a test attacks the server: the load generator (a
 * publisher and a few viewers) in a JVM of its own, so that what the test itself does (its
 * many peers, their threads and garbage) cannot delay the canary's packets on their way in.
 */
final class Canary implements AutoCloseable {
    /** What the canary saw over its measurement window. */
    record Result(int connected, int disconnected, long delivered, long lost, long receiveBufferDrops, double p50Ms,
            double p99Ms, double maxMs) {
    }

    private final Process process;
    private final CompletableFuture<String> line = new CompletableFuture<>();
    private final CompletableFuture<Void> measuring = new CompletableFuture<>();

    private Canary(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "canary-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the publisher and {@code viewers} viewers in a room of their own, measuring for {@code seconds}. */
    static Canary start(int viewers, int seconds) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.beam.loadgen.LoadGen", "--server", TestServer.uri().toString(),
                "--room", "canary-" + UUID.randomUUID().toString().substring(0, 8), "--viewers", Integer.toString(viewers),
                "--duration", Integer.toString(seconds), "--warmup", "2", "--workers", "1", "--bitrate", "1M",
                "--fps", "30", "--join-parallel", Integer.toString(viewers));
        builder.redirectErrorStream(true); // its progress ("measuring for ...") comes on standard error
        return new Canary(builder.start());
    }

    /** Waits until the publisher and every viewer have joined and the measurement has begun. */
    void awaitMeasuring(Duration timeout) throws Exception {
        measuring.get(timeout.toSeconds(), TimeUnit.SECONDS);
    }

    Result await(Duration timeout) throws Exception {
        JsonObject report = Json.createReader(new StringReader(line.get(timeout.toSeconds(), TimeUnit.SECONDS)))
                .readObject().getJsonObject("loadgen");
        JsonObject viewers = report.getJsonObject("viewers");
        JsonObject packets = report.getJsonObject("packets");
        JsonObject latency = report.getJsonObject("latency");
        return new Result(viewers.getInt("connected"), viewers.getInt("disconnected"),
                packets.getJsonNumber("delivered").longValue(), packets.getJsonNumber("lost").longValue(),
                packets.getJsonNumber("receiveBufferDrops").longValue(), latency.getJsonNumber("p50Ms").doubleValue(),
                latency.getJsonNumber("p99Ms").doubleValue(), latency.getJsonNumber("maxMs").doubleValue());
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String text = out.readLine(); text != null; text = out.readLine()) {
                System.out.println("canary: " + text);
                if (text.startsWith("measuring for")) {
                    measuring.complete(null);
                }
                if (text.startsWith("{\"loadgen\"")) {
                    line.complete(text);
                }
            }
            line.completeExceptionally(new IllegalStateException("the canary ended without a report"));
            measuring.completeExceptionally(new IllegalStateException("the canary ended before measuring"));
        } catch (IOException e) {
            line.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
