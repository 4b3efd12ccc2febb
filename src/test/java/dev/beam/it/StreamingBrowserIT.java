package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A real broadcast through the server: Chromium's fake camera and microphone on /stream, one
 * viewer on /watch from before the start and one that arrives while live.
 */
class StreamingBrowserIT {
    private static final String ROOM = "e2e";
    private static final String VIEWER_STATS = """
            const pc = window.beamViewer && window.beamViewer.pc();
            const video = window.beamViewer && window.beamViewer.video;
            if (!pc) { return {frames: 0, width: 0, audioPackets: 0}; }
            const stats = await pc.getStats();
            let frames = 0, audioPackets = 0;
            stats.forEach(s => {
              if (s.type === 'inbound-rtp' && s.kind === 'video') { frames = s.framesDecoded || 0; }
              if (s.type === 'inbound-rtp' && s.kind === 'audio') { audioPackets = s.packetsReceived || 0; }
            });
            return {frames: frames, width: video.videoWidth, audioPackets: audioPackets};
            """;

    /**
     * Records when the viewer's steps to its first frame happened, so that a slow first frame
     * shows where the time went: the page loaded (when this runs), the media connected, the first
     * video packet came, the first frame was decoded (and its width: the layer it started on).
     */
    private static final String JOIN_STEPS = """
            const steps = window.joinSteps = {loaded: Math.round(performance.now())};
            const mark = (step) => { if (!(step in steps)) steps[step] = Math.round(performance.now()); };
            const poll = async () => {
              const pc = window.beamViewer.pc();
              if (pc) {
                if (pc.connectionState === 'connected') mark('connected');
                (await pc.getStats()).forEach(s => {
                  if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
                  if (s.packetsReceived > 0) mark('videoPacket');
                  if (s.framesReceived > 0) mark('frameReceived');
                  if (s.framesDecoded > 0 && !('decoded' in steps)) { mark('decoded'); steps.width = s.frameWidth; steps.nacks = s.nackCount; steps.plis = s.pliCount; steps.packets = s.packetsReceived; steps.lost = s.packetsLost; }
                });
              }
              if (!('decoded' in steps) && performance.now() < 20000) setTimeout(poll, 10);
            };
            poll();
            """;

    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        Browsers.requireBrowser();
        browser = Browsers.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aBroadcastReachesAnEarlyAndALateViewerAndSurvivesARestart() throws Exception {
        String broadcasterWindow = browser.getWindowHandle();
        WebDriver early = browser.switchTo().newWindow(WindowType.WINDOW);
        early.get(TestServer.uri().resolve("/watch?room=" + ROOM).toString());
        String earlyWindow = browser.getWindowHandle();
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");
        waitFor(d -> d.findElement(By.id("no-stream")).isDisplayed(), Duration.ofSeconds(10));

        browser.switchTo().window(broadcasterWindow);
        browser.get(TestServer.uri().resolve("/stream?room=" + ROOM).toString());
        Browsers.goLive(browser);

        browser.switchTo().window(earlyWindow);
        assertDecodes("early viewer");

        WebDriver late = browser.switchTo().newWindow(WindowType.WINDOW);
        late.get(TestServer.uri().resolve("/watch?room=" + ROOM).toString());
        String lateWindow = browser.getWindowHandle();
        ((JavascriptExecutor) browser).executeScript(JOIN_STEPS);
        double firstFrameMillis = ((Number) ((JavascriptExecutor) browser).executeScript("""
                const video = document.getElementById('remote-video');
                return new Promise(resolve => video.requestVideoFrameCallback(() => resolve(performance.now())));
                """)).doubleValue();
        System.out.printf("late viewer time to first frame: %.0f ms (from navigation start)%n", firstFrameMillis);
        waitFor(d -> ((JavascriptExecutor) d).executeScript("return window.joinSteps.decoded;") != null,
                Duration.ofSeconds(5));
        System.out.println("late viewer's steps (ms from navigation start): "
                + ((JavascriptExecutor) browser).executeScript("return JSON.stringify(window.joinSteps);"));
        // A sanity bound: the figure itself goes to the README (Performance). On the 2-core test
        // machine the page, the broadcaster's encoder and the server share two cores.
        assertTrue(firstFrameMillis < 3000, "first frame after " + firstFrameMillis + " ms");
        assertDecodes("late viewer");

        browser.switchTo().window(broadcasterWindow);
        browser.findElement(By.id("start-button")).click();
        waitFor(d -> "Start Streaming".equals(d.findElement(By.id("start-button")).getText()), Duration.ofSeconds(10));
        for (String viewer : new String[] {earlyWindow, lateWindow}) {
            browser.switchTo().window(viewer);
            waitFor(d -> d.findElement(By.id("no-stream")).isDisplayed(), Duration.ofSeconds(10));
            assertEquals("No stream available", browser.findElement(By.id("no-stream")).getText());
        }

        browser.switchTo().window(broadcasterWindow);
        Browsers.goLive(browser);
        browser.switchTo().window(earlyWindow);
        assertDecodes("early viewer after the restart");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"),
                "the viewer picked the new broadcast up without a reload");
        Browsers.screenshot(browser, "watch-live");
    }

    /** framesDecoded reaches 60 and keeps growing, the picture has a size, and audio arrives. */
    private void assertDecodes(String who) {
        waitFor(d -> frames() >= 60, Duration.ofSeconds(20));
        long before = frames();
        waitFor(d -> frames() > before, Duration.ofSeconds(5));
        Map<?, ?> stats = stats();
        assertTrue(((Number) stats.get("width")).intValue() > 0, who + ": " + stats);
        assertTrue(((Number) stats.get("audioPackets")).intValue() > 0, who + " receives audio: " + stats);
        System.out.println(who + " decodes: " + stats);
    }

    private long frames() {
        return ((Number) stats().get("frames")).longValue();
    }

    private Map<?, ?> stats() {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
                "return (async () => {" + VIEWER_STATS + "})();");
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(condition::apply);
    }
}
