package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring: a real Prometheus scrapes the server with {@code deploy/prometheus}'s
 * configuration and sees the viewers connected; the alerting rules pass promtool and their own
 * unit tests; every query of the Grafana dashboard runs and names only metrics the server exports.
 */
class PrometheusIT {
    private static final Path DASHBOARD = Path.of("deploy", "grafana", "beam-dashboard.json");
    /** PromQL's own words: functions, aggregations and their modifiers. */
    private static final Set<String> PROMQL = Set.of("sum", "avg", "min", "max", "count", "rate", "irate", "increase",
            "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
            "label_values", "histogram_quantile", "clamp_min", "clamp_max", "abs", "topk", "bottomk");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() throws Exception {
        if (!Files.isExecutable(PrometheusServer.PROMETHEUS) || !Files.isExecutable(PrometheusServer.PROMTOOL)) {
            Browsers.skipOrFail("Prometheus is not installed (apt-get install prometheus)");
        }
        prometheus = PrometheusServer.start();
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void theShippedConfigurationAndAlertRulesPassPromtool() throws Exception {
        assertEquals("", promtool("check", "config", "prometheus.yml"));
        assertEquals("", promtool("test", "rules", "beam-alerts-test.yml"));
    }

    @Test
    void prometheusSeesTheViewersConnected() throws Exception {
        await(() -> prometheus.targetHealth().startsWith("up"), "the server scraped: " + prometheus.targetHealth());
        long before = apiViewers();
        List<SignalingClient> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SignalingClient viewer = SignalingClient.connect(TestServer.uri());
                viewers.add(viewer);
                viewer.request("join-room", "\"room\":\"scraped\",\"role\":\"viewer\"");
            }
            assertEquals(before + 3, apiViewers());
            await(() -> prometheus.value("sum(beam_viewers)").orElse(-1) == before + 3,
                    "sum(beam_viewers) is " + prometheus.value("sum(beam_viewers)") + ", /api/info says " + (before + 3));
            System.out.println("Prometheus: sum(beam_viewers) = " + prometheus.value("sum(beam_viewers)").getAsDouble()
                    + " with " + (before + 3) + " viewers connected");
        } finally {
            for (SignalingClient viewer : viewers) {
                viewer.request("leave-room", "");
                viewer.close();
            }
        }
        await(() -> prometheus.value("sum(beam_viewers)").orElse(-1) == before, "back to " + before + " viewers");
    }

    @Test
    void everyDashboardQueryRunsAndNamesOnlyExportedMetrics() throws Exception {
        Set<String> exported = exportedNames();
        exported.add("up"); // Prometheus's own, per target
        List<String> expressions = new ArrayList<>();
        collectExpressions(Json.createReader(new StringReader(Files.readString(DASHBOARD))).readObject(), expressions);
        assertTrue(expressions.size() >= 20, "the dashboard's queries: " + expressions.size());
        await(() -> prometheus.targetHealth().startsWith("up"), "the server scraped: " + prometheus.targetHealth());
        for (String expression : expressions) {
            for (String name : metricNames(expression)) {
                assertTrue(exported.contains(name), "the dashboard asks for " + name + ", which the server does not export ("
                        + expression + ")");
            }
            JsonObject answer = prometheus.query(expression.replace("$instance", ".*"));
            assertEquals("success", answer.getString("status"), expression + ": " + answer);
        }
    }

    /** The names before '{' or ' ' on /metrics' sample lines. */
    private static Set<String> exportedNames() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(TestServer.managementUri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> names = new TreeSet<>();
        metrics.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** The metric names of a query: its identifiers, less label matchers, ranges, grouping labels and PromQL's words. */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            if (!PROMQL.contains(matcher.group())) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private static void collectExpressions(JsonValue value, List<String> into) {
        if (value instanceof JsonObject object) {
            object.forEach((key, child) -> {
                if (key.equals("expr") && child.getValueType() == JsonValue.ValueType.STRING) {
                    into.add(object.getString("expr"));
                } else {
                    collectExpressions(child, into);
                }
            });
        } else if (value instanceof jakarta.json.JsonArray array) {
            array.forEach(child -> collectExpressions(child, into));
        }
    }

    private static long apiViewers() throws Exception {
        HttpResponse<String> info = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(TestServer.uri().resolve("/api/info")).build(), HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(info.body())).readObject().getJsonNumber("viewers").longValue();
    }

    /** Runs promtool in the shipped directory; its output when it fails, else "". */
    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(PrometheusServer.PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(PrometheusServer.SHIPPED.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        return process.exitValue() == 0 ? "" : output;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits up to 30 s (six scrape intervals) for the condition. */
    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(250);
        }
    }
}
