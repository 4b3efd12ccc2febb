package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
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
 * A forced signaling reconnect in a real browser: /stream and /watch are loaded through a TCP
 * relay (a reverse proxy, as it were), which then drops every connection at once. Media goes
 * straight to the server's UDP port and must not notice: both pages reconnect, resume their
 * sessions, and keep the RTCPeerConnection they had; the viewer decodes on, the broadcaster
 * sends on, and the room never counts a second viewer.
 */
class SignalingReconnectBrowserIT {
    private static final String ROOM = "reconnect";
    private static final String FRAMES = """
            return (async () => {
              const pc = window.beamViewer && window.beamViewer.pc();
              if (!pc) { return 0; }
              let frames = 0;
              (await pc.getStats()).forEach(s => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') { frames = s.framesDecoded || 0; }
              });
              return frames;
            })();
            """;
    private static final String BYTES_SENT = """
            return (async () => {
              const pc = window.beamBroadcaster && window.beamBroadcaster.pc();
              if (!pc) { return 0; }
              let bytes = 0;
              (await pc.getStats()).forEach(s => { if (s.type === 'outbound-rtp') { bytes += s.bytesSent || 0; } });
              return bytes;
            })();
            """;

    private ChromeDriver browser;
    private TcpRelay relay;

    @BeforeEach
    void start() throws Exception {
        Browsers.requireBrowser();
        // Pages reached through the relay name its port in Host, which the server answers for only
        // when it is PORT, 80, 443, 8080, 8443 or PUBLIC_PORT (bin/test sets it; README, Troubleshooting).
        int publicPort = TestServer.publicPort();
        assumeTrue(publicPort > 0, "PUBLIC_PORT is not set (bin/test sets it)");
        relay = new TcpRelay(publicPort, TestServer.uri().getPort());
        browser = Browsers.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void bothPagesKeepTheirMediaThroughADroppedSignalingConnection() throws Exception {
        URI page = URI.create("http://127.0.0.1:" + relay.port() + "/");
        String broadcasterWindow = browser.getWindowHandle();
        browser.get(page.resolve("/stream?room=" + ROOM).toString());
        Browsers.goLive(browser);
        script("window.pcBefore = window.beamBroadcaster.pc();");

        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(page.resolve("/watch?room=" + ROOM).toString());
        String viewerWindow = browser.getWindowHandle();
        waitFor(d -> number(FRAMES) >= 30, Duration.ofSeconds(20));
        script("window.pcBefore = window.beamViewer.pc();");
        int connectionsBefore = relay.accepted();

        relay.cut();

        waitFor(d -> relay.accepted() >= connectionsBefore + 2, Duration.ofSeconds(10));
        long framesAfterCut = number(FRAMES);
        waitFor(d -> number(FRAMES) > framesAfterCut + 30, Duration.ofSeconds(10));
        assertEquals(Boolean.TRUE, script("return window.beamViewer.pc() === window.pcBefore;"),
                "the viewer kept its RTCPeerConnection");
        waitFor(d -> d.findElement(By.id("status")).getText().isEmpty(), Duration.ofSeconds(10));
        assertEquals("1", browser.findElement(By.id("viewer-count")).getText());
        assertEquals(1, viewersOnServer(), "the viewer resumed its session: no second one was counted");

        browser.switchTo().window(broadcasterWindow);
        assertEquals(Boolean.TRUE, script("return window.beamBroadcaster.pc() === window.pcBefore;"),
                "the broadcaster kept its RTCPeerConnection");
        long sent = number(BYTES_SENT);
        waitFor(d -> number(BYTES_SENT) > sent + 10_000, Duration.ofSeconds(10));
        assertEquals("Stop Streaming", browser.findElement(By.id("start-button")).getText());
        waitFor(d -> d.findElement(By.id("status")).getText().startsWith("You are live"), Duration.ofSeconds(10));
        browser.switchTo().window(viewerWindow);
        long frames = number(FRAMES);
        waitFor(d -> number(FRAMES) > frames + 30, Duration.ofSeconds(10));
    }

    /** The room's viewer count as /api/info gives it. */
    private static int viewersOnServer() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestServer.uri().resolve("/api/info?room="
                + ROOM)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("rooms").getValuesAs(JsonObject.class)
                .stream().filter(room -> ROOM.equals(room.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no room " + ROOM + " in " + body)).getInt("viewers");
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private long number(String code) {
        return ((Number) script(code)).longValue();
    }

    private void waitFor(Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(condition::apply);
    }
}
