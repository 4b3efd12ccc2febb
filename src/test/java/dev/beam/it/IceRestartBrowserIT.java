package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A viewer's media path is cut for 10 s (nftables in the test's namespace), the broadcaster's
 * left alone: the viewer's page restarts ICE on its session and plays again soon after the path
 * comes back, on a new candidate pair, without a reload and without a new session.
 */
class IceRestartBrowserIT {
    private static final String ROOM = "restart";
    private static final Duration CUT = Duration.ofSeconds(10);
    /** The selected pair's local port, from the browser's statistics. */
    private static final String SELECTED = """
            return (async () => {
              const pc = %s.pc();
              if (!pc) { return null; }
              const stats = await pc.getStats();
              let pairId = null, localId = null, port = 0;
              stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) { pairId = s.selectedCandidatePairId; } });
              stats.forEach(s => { if (s.id === pairId) { localId = s.localCandidateId; } });
              stats.forEach(s => { if (s.id === localId) { port = s.port; } });
              return {pair: pairId + ':' + port, port: port};
            })();
            """;
    private static final String VIEWER = """
            return (async () => {
              const pc = window.beamViewer.pc();
              let frames = 0;
              if (pc) { (await pc.getStats()).forEach(s => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') { frames = s.framesDecoded || 0; } }); }
              return {frames: frames, transport: window.beamViewer.transportId(), state: pc ? pc.connectionState : 'none',
                      sameDocument: window.sameDocument === true};
            })();
            """;

    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        Browsers.requireBrowser();
        if (!NetworkCut.available()) {
            Browsers.skipOrFail("nftables is not installed (apt-get install nftables)");
        }
        browser = Browsers.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aViewerWhosePathBrokeFor10sPlaysAgainWithin5sOfItsReturn() throws Exception {
        String broadcasterWindow = browser.getWindowHandle();
        browser.get(TestServer.uri().resolve("/stream?room=" + ROOM).toString());
        Browsers.goLive(browser);
        waitFor(d -> selected("window.beamBroadcaster") != null
                && ((Number) selected("window.beamBroadcaster").get("port")).intValue() > 0, Duration.ofSeconds(10));
        int broadcasterPort = ((Number) selected("window.beamBroadcaster").get("port")).intValue();

        WebDriver viewer = browser.switchTo().newWindow(WindowType.WINDOW);
        viewer.get(TestServer.uri().resolve("/watch?room=" + ROOM).toString());
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");
        waitFor(d -> frames() >= 30, Duration.ofSeconds(20));
        String pairBefore = String.valueOf(selected("window.beamViewer").get("pair"));
        Object transportBefore = viewer().get("transport");

        long cutFrames;
        int mediaPort = TestServer.setting("MEDIA_PORT", 10000);
        try (NetworkCut cut = NetworkCut.allBut(mediaPort, broadcasterPort)) {
            Thread.sleep(CUT.toMillis() / 2);
            cutFrames = frames();
            Thread.sleep(CUT.toMillis() / 2);
            long stalled = frames() - cutFrames;
            assertTrue(stalled < 10, "the cut stops the viewer's video: " + stalled + " frames in 5 s");
            System.out.println("during the cut: " + viewer() + ", " + stalled + " frames in its second half");
        }
        long mended = System.nanoTime();
        long framesAtMend = frames();
        waitFor(d -> frames() >= framesAtMend + 10, Duration.ofSeconds(15));
        double seconds = (System.nanoTime() - mended) / 1e9;
        // Where the old pair came back before the restart in flight finished, media flows on it
        // first; the restart then moves the viewer to its new pair.
        waitFor(d -> !pairBefore.equals(String.valueOf(selected("window.beamViewer").get("pair"))), Duration.ofSeconds(10));
        double newPairSeconds = (System.nanoTime() - mended) / 1e9;
        Map<?, ?> after = viewer();
        String pairAfter = String.valueOf(selected("window.beamViewer").get("pair"));
        System.out.printf("ICE restart: playing again %.2f s after the path came back (target 5 s), on a new pair after"
                + " %.2f s; pair %s -> %s; %s%n", seconds, newPairSeconds, pairBefore, pairAfter, after);
        assertTrue(seconds < 5, "playing again after " + seconds + " s");
        assertEquals(transportBefore, after.get("transport"), "the same session, restarted, not a new one");
        assertNotEquals(pairBefore, pairAfter, "a new candidate pair");
        assertEquals(Boolean.TRUE, after.get("sameDocument"), "no reload");

        browser.switchTo().window(broadcasterWindow);
        browser.findElement(By.id("start-button")).click();
    }

    private Map<?, ?> selected(String page) {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(SELECTED.formatted(page));
    }

    private Map<?, ?> viewer() {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(VIEWER);
    }

    private long frames() {
        return ((Number) viewer().get("frames")).longValue();
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(condition::apply);
    }
}
