package dev.beam.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Debian's Prometheus running the shipped configuration ({@code deploy/prometheus}) against the
 * test server, changed only where a deployment changes it: the target's address.
 */
final class PrometheusServer implements AutoCloseable {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path SHIPPED = Path.of("deploy", "prometheus");

    private final ChildProcess process;
    private final URI uri;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(ChildProcess process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts Prometheus scraping the test server's management port, and waits until it is ready. */
    static PrometheusServer start() throws Exception {
        Path directory = ChildProcess.runDirectory("prometheus");
        String target = "127.0.0.1:" + TestServer.managementUri().getPort();
        Files.writeString(directory.resolve("prometheus.yml"),
                Files.readString(SHIPPED.resolve("prometheus.yml")).replace("127.0.0.1:9081", target));
        Files.copy(SHIPPED.resolve("beam-alerts.yml"), directory.resolve("beam-alerts.yml"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        ChildProcess process = ChildProcess.start("prometheus", directory, List.of(PROMETHEUS.toString(),
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port), Duration.ofSeconds(30),
                () -> http.send(HttpRequest.newBuilder(uri.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return new PrometheusServer(process, uri);
    }

    /** The API's answer to an instant query: its {@code data}, or the error it gave. */
    JsonObject query(String promql) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri.resolve("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** The single value an instant query gives now; empty while it gives none. */
    OptionalDouble value(String promql) throws Exception {
        JsonObject answer = query(promql);
        if (!"success".equals(answer.getString("status"))) {
            throw new IllegalStateException(promql + ": " + answer);
        }
        JsonArray result = answer.getJsonObject("data").getJsonArray("result");
        if (result.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1)));
    }

    /** The state of the scrape of the test server: "up" once scraped. */
    String targetHealth() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri.resolve("/api/v1/targets")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonArray targets = Json.createReader(new StringReader(response.body())).readObject().getJsonObject("data")
                .getJsonArray("activeTargets");
        return targets.isEmpty() ? "none" : targets.getJsonObject(0).getString("health") + " "
                + targets.getJsonObject(0).getString("lastError", "");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
