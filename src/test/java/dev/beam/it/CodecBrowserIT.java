package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * VP9 and AV1 broadcasts in real Chromium: /stream asked for the codec ({@code ?codec=}) sends
 * it as simulcast (a scalability mode on each layer), and a /watch viewer decodes it, frames
 * growing, the codec in its own statistics.
 */
class CodecBrowserIT {
    private static final String VIEWER_STATS = """
            return (async () => {
              const pc = window.beamViewer && window.beamViewer.pc();
              if (!pc) { return {frames: 0, codec: ''}; }
              const stats = await pc.getStats();
              let frames = 0, codecId = null, codec = '', size = '', fps = 0;
              stats.forEach(s => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') {
                  frames = s.framesDecoded || 0; codecId = s.codecId;
                  size = (s.frameWidth || 0) + 'x' + (s.frameHeight || 0); fps = s.framesPerSecond || 0;
                }
              });
              stats.forEach(s => { if (s.id === codecId) { codec = s.mimeType; } });
              const sdp = (pc.remoteDescription && pc.remoteDescription.sdp) || '';
              return {frames: frames, codec: codec, size: size, fps: fps,
                  dependencyDescriptor: sdp.includes('dependency-descriptor-rtp-header-extension')};
            })();
            """;

    /**
     * The broadcaster's video streams sending, one per simulcast layer (rid, scalability mode, size), and
     * whether the server's answer took the AV1 dependency descriptor.
     */
    private static final String LAYERS_SENDING = """
            return (async () => {
              const pc = window.beamBroadcaster.pc();
              const stats = await pc.getStats();
              const layers = [];
              stats.forEach(s => {
                if (s.type === 'outbound-rtp' && s.kind === 'video' && s.bytesSent > 0) {
                  layers.push((s.rid || '-') + ' ' + (s.scalabilityMode || 'no mode') + ' '
                      + (s.frameWidth || 0) + 'x' + (s.frameHeight || 0) + ' ' + (s.framesPerSecond || 0) + ' fps');
                }
              });
              const sdp = (pc.remoteDescription && pc.remoteDescription.sdp) || '';
              const sender = pc.getSenders().find(s => s.track && s.track.kind === 'video');
              const encodings = sender ? sender.getParameters().encodings.filter(e => e.rid).length : 0;
              return {layers: layers, simulcastEncodings: encodings,
                  dependencyDescriptor: sdp.includes('dependency-descriptor-rtp-header-extension'),
                  extmapAllowMixed: sdp.includes('a=extmap-allow-mixed')};
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

    @ParameterizedTest
    @ValueSource(strings = {"VP9", "AV1"})
    void aBroadcastInThisCodecPlaysInAViewer(String codec) {
        String room = "codec-" + codec.toLowerCase();
        browser.get(TestServer.uri().resolve("/stream?room=" + room + "&codec=" + codec.toLowerCase()).toString());
        Browsers.goLive(browser);

        String broadcasterWindow = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(TestServer.uri().resolve("/watch?room=" + room).toString());
        waitFor(d -> frames() >= 30, Duration.ofSeconds(30));
        long before = frames();
        waitFor(d -> frames() > before + 10, Duration.ofSeconds(10));
        Map<?, ?> stats = stats();
        System.out.println(codec + " broadcast, viewer: " + stats);
        assertEquals("video/" + codec, stats.get("codec"), "the viewer decodes " + codec);

        browser.switchTo().window(broadcasterWindow);
        Map<?, ?> sending = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(LAYERS_SENDING);
        System.out.println(codec + " broadcast: " + sending);
        // Simulcast is negotiated with three encodings; how many of them send is the browser's
        // call: software AV1 or VP9 on a busy 2-core machine is cut to its lowest layer at times.
        assertEquals(3, ((Number) sending.get("simulcastEncodings")).intValue(), codec + " goes as simulcast: " + sending);
        assertTrue(!((List<?>) sending.get("layers")).isEmpty(), codec + " sends: " + sending);
        assertEquals("AV1".equals(codec), sending.get("dependencyDescriptor"),
                "the dependency descriptor is taken for AV1 only");
    }

    private long frames() {
        return ((Number) stats().get("frames")).longValue();
    }

    private Map<?, ?> stats() {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(VIEWER_STATS);
    }

    private void waitFor(Function<WebDriver, Boolean> condition, Duration timeout) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(200)).until(condition::apply);
    }
}
