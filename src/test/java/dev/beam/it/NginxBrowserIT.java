package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * The README's nginx configuration, run by Debian's nginx in front of the test server: it
 * redirects plain HTTP, serves the pages over TLS, passes the signaling WebSocket's upgrade, and
 * a broadcast made through it reaches a viewer who came through it.
 */
class NginxBrowserIT {
    private static final String ROOM = "proxied";
    private static final int HTTPS_PORT = 8443;
    private static final int HTTP_PORT = 8088;
    private static final String VIEWER_STATS = """
            return (async () => {
              const pc = window.beamViewer && window.beamViewer.pc();
              if (!pc) { return {frames: 0, width: 0}; }
              let frames = 0;
              (await pc.getStats()).forEach(s => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') { frames = s.framesDecoded || 0; }
              });
              return {frames: frames, width: window.beamViewer.video.videoWidth, origin: location.origin};
            })();
            """;

    private NginxProxy nginx;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        Browsers.requireBrowser();
        if (!Files.isExecutable(NginxProxy.NGINX)) {
            Browsers.skipOrFail("nginx is not installed (apt-get install nginx)");
        }
        nginx = NginxProxy.start(HTTPS_PORT, HTTP_PORT, TestServer.uri().getPort());
        browser = Browsers.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void plainHttpIsSentToHttps() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/watch?room=" + ROOM)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(301, response.statusCode());
        assertEquals("https://localhost/watch?room=" + ROOM, response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aBroadcastThroughTheProxyReachesAViewerThroughIt() throws Exception {
        String site = "https://localhost:" + HTTPS_PORT;
        String broadcasterWindow = browser.getWindowHandle();
        browser.get(site + "/stream?room=" + ROOM);
        Browsers.goLive(browser);

        WebDriver viewer = browser.switchTo().newWindow(WindowType.WINDOW);
        viewer.get(site + "/watch?room=" + ROOM);
        waitFor(d -> ((Number) stats().get("frames")).longValue() >= 30, Duration.ofSeconds(20));
        Map<?, ?> stats = stats();
        assertTrue(((Number) stats.get("width")).intValue() > 0, stats.toString());
        assertEquals(site, stats.get("origin"), "the page came through the proxy, and so did its /ws");
        System.out.println("viewer through nginx decodes: " + stats);
        browser.switchTo().window(broadcasterWindow);
        browser.findElement(By.id("start-button")).click();
    }

    private Map<?, ?> stats() {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(VIEWER_STATS);
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(condition::apply);
    }
}
