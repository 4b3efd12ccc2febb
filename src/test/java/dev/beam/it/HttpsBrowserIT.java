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
 * A broadcast and a viewer over HTTPS with the server's development certificate (Chromium told
 * to accept it): secure-context pages, signaling over wss://, media as always.
 */
class HttpsBrowserIT {
    private static final String ROOM = "tls-e2e";
    private static final String VIEWER_STATS = """
            return (async () => {
              const pc = window.beamViewer && window.beamViewer.pc();
              if (!pc) { return {frames: 0, width: 0}; }
              let frames = 0;
              (await pc.getStats()).forEach(s => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') { frames = s.framesDecoded || 0; }
              });
              return {frames: frames, width: window.beamViewer.video.videoWidth, secure: window.isSecureContext,
                      origin: location.origin};
            })();
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
    void aBroadcastOverHttpsReachesAViewerOverHttps() throws Exception {
        String broadcasterWindow = browser.getWindowHandle();
        browser.get(TestServer.httpsUri().resolve("/stream?room=" + ROOM).toString());
        Browsers.goLive(browser);
        assertEquals(Boolean.TRUE, browser.executeScript("return window.isSecureContext;"));

        WebDriver viewer = browser.switchTo().newWindow(WindowType.WINDOW);
        viewer.get(TestServer.httpsUri().resolve("/watch?room=" + ROOM).toString());
        waitFor(d -> frames() >= 30, Duration.ofSeconds(20));
        Map<?, ?> stats = stats();
        assertTrue(((Number) stats.get("width")).intValue() > 0, stats.toString());
        assertEquals(Boolean.TRUE, stats.get("secure"), "a secure context: " + stats);
        assertTrue(String.valueOf(stats.get("origin")).startsWith("https://"), stats.toString());
        System.out.println("viewer over HTTPS decodes: " + stats);
        browser.switchTo().window(broadcasterWindow);
        browser.findElement(By.id("start-button")).click();
    }

    private long frames() {
        return ((Number) stats().get("frames")).longValue();
    }

    private Map<?, ?> stats() {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(VIEWER_STATS);
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(condition::apply);
    }
}
