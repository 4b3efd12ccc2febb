package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Chromium broadcasts the 720p gradient-under-noise clip from /stream in three simulcast layers (l, m, h). One
 * viewer has a clean path; the other sits behind a relay that limits it to 500 kbit/s for 30 s
 * (a token bucket of {@value LossyRelay#BUCKET_MILLIS} ms that drops what does not fit), then
 * lifts the limit. Asserted, the targets: both viewers get the top layer; then, on the layer the server
 * chose for each (operators' /api/info, the page's rids l, m, h in that order), the clean one is on the top layer
 * at every one-second sample of the limit and decodes 1280 px wide; within 10 s of the limit the limited one is
 * on a lower layer, and decodes at 15 fps or more from then on; it is back on the top layer within 20 s of the
 * lift, and froze at most 3 times while limited; and the broadcaster's estimate and what it sends reach
 * 1.5 Mbit/s within 8 s of its first frame, with both viewers connecting as it starts.
 */
class SimulcastBrowserIT {
    private static final String ROOM = "simulcast-browser-it";
    private static final String MEDIA_PORT = System.getProperty("beam.media.port", "10000");
    private static final long LIMIT_BPS = 500_000;
    private static final int LIMITED_SECONDS = 30;
    private static final String TOP = "h";
    /** How long the broadcaster's ramp is sampled, from its going live. */
    private static final int RAMP_SECONDS = 12;
    private static final String VIDEO_STATS = """
            const pc = window.beamViewer && window.beamViewer.pc();
            const stats = pc ? await pc.getStats() : new Map();
            let video = {};
            stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') { video = s; } });
            return {width: video.frameWidth || 0, framesDecoded: video.framesDecoded || 0,
                    freezeCount: video.freezeCount || 0, totalFreezesDuration: video.totalFreezesDuration || 0};
            """;

    /** The broadcaster's estimate (to 100 kbit/s), and per layer sent: rid, width and what limits it, if anything. */
    private static final String SENDING = """
            const pc = window.beamBroadcaster && window.beamBroadcaster.pc();
            const stats = pc ? await pc.getStats() : new Map();
            let estimate = 0; const layers = [];
            stats.forEach(s => {
              if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate) { estimate = s.availableOutgoingBitrate; }
              if (s.type === 'outbound-rtp' && s.kind === 'video' && s.frameWidth) {
                layers.push(s.rid + s.frameWidth + (s.qualityLimitationReason === 'none' ? '' : ':' + s.qualityLimitationReason));
              }
            });
            return Math.round(estimate / 100000) / 10 + 'M ' + layers.sort().join(' ');
            """;

    private ChromeDriver browser;
    private LossyRelay relay;
    private String broadcasterWindow;
    private String cleanWindow;
    private String limitedWindow;
    private String cleanPeer;
    private String limitedPeer;
    /**
     * The layers and estimates (clean/limited, and why the limited one's is where it is) whenever
     * they changed while waiting for a layer, seconds from the wait's start.
     */
    private final List<String> trace = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Browsers.requireBrowser();
        assumeTrue(TestServer.operatorSecret() != null, "the server runs without OPERATOR_SECRET (bin/test sets one)");
        browser = Browsers.start(NoiseClip.create());
        relay = new LossyRelay(new InetSocketAddress("127.0.0.1", Integer.parseInt(MEDIA_PORT)), 0, 0);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void eachViewerGetsTheBestLayerItsOwnNetworkCarries() throws Exception {
        broadcasterWindow = browser.getWindowHandle();
        browser.get(TestServer.uri().resolve("/stream?room=" + ROOM).toString());
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(TestServer.uri().resolve("/watch?room=" + ROOM).toString());
        cleanWindow = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(TestServer.uri().resolve("/watch?room=" + ROOM).toString());
        limitedWindow = browser.getWindowHandle();
        ((JavascriptExecutor) browser).executeScript(LossyRelay.THROUGH_RELAY, relay.port());

        cleanPeer = peerId(cleanWindow);
        limitedPeer = peerId(limitedWindow);
        browser.switchTo().window(broadcasterWindow);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("start-button")).isEnabled());
        double[] dropsBefore = drops();
        browser.findElement(By.id("start-button")).click();
        long started = System.nanoTime();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "Stop Streaming".equals(d.findElement(By.id("start-button")).getText()));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(RAMP_SECONDS + 15));
        BroadcasterRamp.start(browser, "server", RAMP_SECONDS);

        BiPredicate<String, String> bothOnTop = (clean, limited) -> TOP.equals(clean) && TOP.equals(limited);
        double bothTop = secondsUntil(started, 60, bothOnTop);
        double[] dropsAtTop = drops();
        trace.add(String.format("server drops until then: stale %.0f, receive %.0f, kernel %.0f",
                dropsAtTop[0] - dropsBefore[0], dropsAtTop[1] - dropsBefore[1], dropsAtTop[2] - dropsBefore[2]));
        browser.switchTo().window(broadcasterWindow);
        BroadcasterRamp ramp = BroadcasterRamp.result(browser);
        System.out.printf("simulcast, the broadcaster with two viewers: %.1f s from its first frame to %.1f Mbit/s "
                + "sent and estimated (-1: not within %d s); kbit/s sent/estimate every 500 ms: %s%n",
                ramp.secondsToTarget(), BroadcasterRamp.TARGET_BPS / 1e6, RAMP_SECONDS, ramp.rates());
        // The limit comes once the broadcaster's start is over, with both viewers on the top layer.
        trace.add("after the ramp:");
        secondsUntil(System.nanoTime(), 30, bothOnTop);
        Viewers first = viewers();
        assertTrue(first.clean() != null && first.limited() != null, "both viewers have a layer: " + first + " " + trace);

        relay.limit(LIMIT_BPS);
        long limitedAt = System.nanoTime();
        Map<?, ?> before = stats(limitedWindow);
        Map<?, ?> cleanBefore = stats(cleanWindow);
        double down = -1;
        Map<?, ?> lowered = null;
        int cleanOnTop = 0;
        List<String> samples = new ArrayList<>();
        for (int second = 0; second < LIMITED_SECONDS; second++) {
            Thread.sleep(1000);
            Viewers now = viewers();
            long freezes = number(stats(limitedWindow), "freezeCount") - number(before, "freezeCount");
            samples.add(now.clean() + now.cleanTemporal() + "/" + now.limited() + now.limitedTemporal() + " "
                    + now.limitedEstimate() + (freezes > 0 ? " f" + freezes : ""));
            cleanOnTop += TOP.equals(now.clean()) ? 1 : 0;
            if (down < 0 && now.limited() != null && now.clean() != null
                    && (rank(now.limited()) < rank(first.limited()) || rank(now.limited()) < rank(now.clean()))) {
                down = (System.nanoTime() - limitedAt) / 1e9;
                lowered = stats(limitedWindow);
            }
        }
        Map<?, ?> end = stats(limitedWindow);
        Map<?, ?> cleanEnd = stats(cleanWindow);
        relay.limit(0);
        long lifted = System.nanoTime();
        double probesSentBefore = Metrics.value("beam_media_probes", "result=\"sent\"");
        double probesSucceededBefore = Metrics.value("beam_media_probes", "result=\"succeeded\"");
        trace.add("lifted:");
        double up = secondsUntil(lifted, 45, (clean, limited) -> TOP.equals(limited));
        trace.add(String.format("probes since the lift: %.0f packets, %.0f succeeded",
                Metrics.value("beam_media_probes", "result=\"sent\"") - probesSentBefore,
                Metrics.value("beam_media_probes", "result=\"succeeded\"") - probesSucceededBefore));

        Map<?, ?> from = lowered != null ? lowered : before;
        double limitedFor = LIMITED_SECONDS - Math.max(down, 0);
        double fps = (number(end, "framesDecoded") - number(from, "framesDecoded")) / limitedFor;
        System.out.printf("simulcast, 1280x720 gradient-under-noise clip, a viewer limited to %d kbit/s for %d s: both viewers on "
                + "the top layer %.1f s after the start (-1: not within 60 s; layers then %s); the limited one on a "
                + "lower layer %.1f s after the limit, "
                + "then decoding %d px wide at %.1f fps with %d freezes (%d in all of the %d s; relay dropped %d "
                + "datagrams), back on the top layer %.1f s after the lift (-1: not within 45 s); the clean one on the top layer in %d of %d "
                + "samples, decoding %d px wide, %d freezes; layers clean/limited and the limited one's estimate each second (:Tn, temporal layers up to n only; fn, its n-th freeze since the limit): %s%n",
                LIMIT_BPS / 1000, LIMITED_SECONDS, bothTop, first, down, number(end, "width"), fps,
                number(end, "freezeCount") - number(from, "freezeCount"),
                number(end, "freezeCount") - number(before, "freezeCount"), LIMITED_SECONDS, relay.overLimit.get(), up,
                cleanOnTop, LIMITED_SECONDS, number(cleanEnd, "width"),
                number(cleanEnd, "freezeCount") - number(cleanBefore, "freezeCount"), samples);
        System.out.println("simulcast, layers and estimates clean/limited as they changed, from the start and from the lift: " + trace);
        assertTrue(ramp.reachedTarget(), "the broadcaster's estimate and sent video at " + BroadcasterRamp.TARGET_BPS
                / 1e6 + " Mbit/s within " + BroadcasterRamp.TARGET_SECONDS + " s of its first frame: "
                + ramp.secondsToTarget() + " s; " + ramp.rates());
        assertTrue(bothTop >= 0, "both viewers on the top layer within 60 s of the start: " + trace);
        assertEquals(LIMITED_SECONDS, cleanOnTop, "the clean viewer on the top layer throughout: " + samples);
        assertEquals(1280, number(cleanEnd, "width"), "the clean viewer decodes 1280x720");
        assertTrue(down >= 0 && down <= 10, "the limited viewer on a lower layer within 10 s: " + samples);
        assertTrue(fps >= 15, String.format("the limited viewer at 15 fps or more while limited: %.1f fps; %s", fps,
                samples));
        long freezes = number(end, "freezeCount") - number(from, "freezeCount");
        assertTrue(freezes <= 3, "the limited viewer froze at most 3 times while limited: " + freezes + " " + samples);
        assertTrue(up >= 0 && up <= 20, "back on the top layer within 20 s of the lift: " + up + " " + trace);
        List<?> overlay = overlay(cleanWindow);
        assertTrue(String.valueOf(overlay.get(0)).matches("[lmh] \\(.+\\)"), "the overlay shows the layer: " + overlay);
        assertTrue(String.valueOf(overlay.get(1)).matches("[0-9.]+ [kM]bps"), "the overlay shows the estimate: " + overlay);
    }

    /** The layer and estimate the viewer page's stats overlay shows (from the server's layer-changed events). */
    private List<?> overlay(String window) {
        browser.switchTo().window(window);
        return (List<?>) ((JavascriptExecutor) browser).executeScript("return [document.getElementById('stat-layer')"
                + ".textContent, document.getElementById('stat-estimate').textContent];");
    }

    /** A layer's place among the page's rids: l 0, m 1, h 2. */
    private static int rank(String rid) {
        return "lmh".indexOf(rid);
    }

    /**
     * What the server chose for the clean and the limited viewer now: the layer (rid), null where
     * none yet; ":Tn" where it gets temporal layers up to n only, else ""; the estimates ("-"
     * before any); and why the limited one's estimate is where it is.
     */
    record Viewers(String clean, String limited, String cleanTemporal, String limitedTemporal, String cleanEstimate,
            String limitedEstimate, String limitedEstimateReason) {
    }

    private Viewers viewers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                TestServer.uri().resolve("/api/info?room=" + ROOM))
                .header("Authorization", "Bearer " + TestServer.operatorSecret()).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject info = Json.createReader(new StringReader(response.body())).readObject();
        JsonObject clean = null;
        JsonObject limited = null;
        for (JsonObject room : info.getJsonArray("rooms").getValuesAs(JsonObject.class)) {
            for (JsonObject viewer : room.getJsonArray("viewerReports").getValuesAs(JsonObject.class)) {
                if (viewer.getString("peerId").equals(cleanPeer)) {
                    clean = viewer;
                } else if (viewer.getString("peerId").equals(limitedPeer)) {
                    limited = viewer;
                }
            }
        }
        return new Viewers(layer(clean), layer(limited), temporal(clean), temporal(limited), estimate(clean),
                estimate(limited), limited == null ? "-" : limited.getString("estimateReason", "-"));
    }

    private static String layer(JsonObject viewer) {
        return viewer == null ? null : viewer.getString("layer", null);
    }

    private static String estimate(JsonObject viewer) {
        return viewer != null && viewer.containsKey("estimateBps") && !viewer.isNull("estimateBps")
                ? viewer.getJsonNumber("estimateBps").longValue() / 1000 + "k" : "-";
    }

    /** ":T1" where the viewer gets temporal layers up to 1 only, "" where it gets all. */
    private static String temporal(JsonObject viewer) {
        return viewer != null && viewer.containsKey("temporalLayer") && !viewer.isNull("temporalLayer")
                ? ":T" + viewer.getInt("temporalLayer") : "";
    }

    /** Seconds from {@code since} until the layers pass the test, polled; -1 if not within the limit. */
    private double secondsUntil(long since, int limitSeconds, BiPredicate<String, String> wanted) throws Exception {
        String last = null;
        while (System.nanoTime() - since < limitSeconds * 1_000_000_000L) {
            Viewers now = viewers();
            String state = now.clean() + "/" + now.limited() + " " + now.cleanEstimate() + "/" + now.limitedEstimate()
                    + " (" + now.limitedEstimateReason() + ") sending " + sending();
            if (!state.equals(last)) {
                trace.add(String.format("%.1f %s", (System.nanoTime() - since) / 1e9, state));
                last = state;
            }
            if (wanted.test(now.clean(), now.limited())) {
                return (System.nanoTime() - since) / 1e9;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    /** The server's drops so far: stale, receive, kernel. */
    private static double[] drops() throws Exception {
        return new double[] {Metrics.value("beam_media_drops", "reason=\"stale\""),
                Metrics.value("beam_media_drops", "reason=\"receive\""),
                Metrics.value("beam_media_drops", "reason=\"kernel\"")};
    }

    private String sending() {
        browser.switchTo().window(broadcasterWindow);
        return String.valueOf(((JavascriptExecutor) browser).executeScript("return (async () => {" + SENDING + "})();"));
    }

    private String peerId(String window) {
        browser.switchTo().window(window);
        return (String) new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((JavascriptExecutor) d)
                .executeScript("return window.beamViewer.peerId();"));
    }

    private Map<?, ?> stats(String window) {
        browser.switchTo().window(window);
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript("return (async () => {" + VIDEO_STATS + "})();");
    }

    private static long number(Map<?, ?> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }
}
