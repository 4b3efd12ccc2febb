package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * ICE over TCP (RFC 6544) with a real Chromium: the broadcaster connects over UDP, then a packet
 * filter in the test's namespace drops every other UDP datagram to the media port, and a viewer
 * must still decode the broadcast, over a selected candidate pair that is TCP on both ends.
 */
class IceTcpBrowserIT {
    private static final String ROOM = "ice-tcp";
    private static final int MEDIA_PORT = Integer.parseInt(System.getProperty("beam.media.port", "10000"));
    /** The selected pair's ends, from the RTCTransportStats that names it. */
    private static final String SELECTED_PAIR = """
            const pc = %s;
            if (!pc) { return null; }
            const stats = await pc.getStats();
            let pair = null;
            stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });
            if (!pair) { return null; }
            const local = stats.get(pair.localCandidateId), remote = stats.get(pair.remoteCandidateId);
            let frames = 0;
            stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames = s.framesDecoded || 0; });
            return {local: local.protocol, localPort: local.port, remote: remote.protocol, remotePort: remote.port,
                    remoteTcpType: remote.tcpType || '', frames: frames};
            """;

    /** When the viewer's connection reached 'connected', ms from navigation start, for the figures. */
    private static final String CONNECTED_AT = """
            const poll = () => {
              const pc = window.beamViewer && window.beamViewer.pc();
              if (pc && pc.connectionState === 'connected') { window.connectedAt = Math.round(performance.now()); return; }
              if (performance.now() < 30000) setTimeout(poll, 10);
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
    void aViewerThatCannotReachTheUdpPortDecodesOverTcp() throws Exception {
        if (!NetworkCut.available()) {
            Browsers.skipOrFail("nftables is not installed (apt-get install nftables)");
        }
        NetworkCut cut = null;
        try {
            browser.get(TestServer.uri().resolve("/stream?room=" + ROOM).toString());
            Browsers.goLive(browser);
            // Connected (ICE and DTLS done), so that its selected pair no longer changes.
            waitFor(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "const pc = window.beamBroadcaster.pc(); return !!pc && pc.connectionState === 'connected';")),
                    Duration.ofSeconds(15));
            Map<?, ?> broadcaster = selectedPair("window.beamBroadcaster.pc()");
            assertEquals("udp", broadcaster.get("local"), "the broadcaster connects over UDP: " + broadcaster);
            @SuppressWarnings("unchecked")
            List<Number> broadcasterPorts = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                    "return (async () => { const ports = []; (await window.beamBroadcaster.pc().getStats()).forEach(s => {"
                    + " if (s.type === 'local-candidate' && s.protocol === 'udp') ports.push(s.port); }); return ports; })();");

            // Only the broadcaster's own UDP sockets still reach the media port: the viewer's checks do not.
            cut = NetworkCut.udpBut(MEDIA_PORT, broadcasterPorts.stream().map(Number::intValue).toList());

            WebDriver viewer = browser.switchTo().newWindow(WindowType.WINDOW);
            viewer.get(TestServer.uri().resolve("/watch?room=" + ROOM).toString());
            ((JavascriptExecutor) browser).executeScript(CONNECTED_AT);
            double firstFrameMillis = ((Number) ((JavascriptExecutor) browser).executeScript("""
                    const video = document.getElementById('remote-video');
                    return new Promise(resolve => video.requestVideoFrameCallback(() => resolve(performance.now())));
                    """)).doubleValue();
            waitFor(d -> frames() >= 60, Duration.ofSeconds(20));
            Map<?, ?> pair = selectedPair("window.beamViewer.pc()");
            System.out.printf("viewer over ICE-TCP: connected %s ms, first frame %.0f ms after navigation start;"
                    + " selected pair %s%n", ((JavascriptExecutor) browser).executeScript("return window.connectedAt;"),
                    firstFrameMillis, pair);
            assertEquals("tcp", pair.get("local"), "the viewer's selected pair is TCP: " + pair);
            assertEquals("tcp", pair.get("remote"), "the viewer's selected pair is TCP: " + pair);
            assertEquals((long) MEDIA_PORT, ((Number) pair.get("remotePort")).longValue(), pair.toString());
            assertEquals("passive", pair.get("remoteTcpType"), pair.toString());
            long before = frames();
            waitFor(d -> frames() > before, Duration.ofSeconds(5));

            String info = operatorInfo();
            assertTrue(info.contains("\"transport\":\"tcp\""), "the viewer's transport in /api/info: " + info);
            assertTrue(info.contains("\"broadcasterTransport\":\"udp\""), info);
            assertTrue(Metrics.value("beam_media_sessions", "transport=\"tcp\"") >= 1, "sessions over TCP in metrics");
            assertTrue(Metrics.value("beam_media_tcp_connections", "") >= 1, "TCP connections in metrics");
            Browsers.screenshot(browser, "watch-over-tcp");
        } finally {
            if (cut != null) {
                cut.close();
            }
        }
    }

    private String operatorInfo() throws Exception {
        String secret = TestServer.operatorSecret();
        assertNotNull(secret, "bin/test sets OPERATOR_SECRET");
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestServer.uri().resolve("/api/info?room=" + ROOM)
                .toString())).header("Authorization", "Bearer " + secret).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private long frames() {
        Map<?, ?> pair = selectedPair("window.beamViewer.pc()");
        return pair == null ? 0 : ((Number) pair.get("frames")).longValue();
    }

    private Map<?, ?> selectedPair(String pc) {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
                "return (async () => {" + SELECTED_PAIR.formatted(pc) + "})();");
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(condition::apply);
    }
}
