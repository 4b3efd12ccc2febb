package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Chromium's encoder must ramp up through the server as it would toward a good receiver: the
 * server's transport-cc feedback, receiver reports and REMB drive its bandwidth estimate. The
 * same browser, with the same hard-to-compress clip, is measured peer-to-peer first.
 */
class BitrateBrowserIT {
    private static final int SECONDS = 20;
    /** Samples outbound video bitrate once a second for {@code seconds}; returns the highest, bit/s. */
    private static final String PEAK_BITRATE = """
            const pc = arguments[0] === 'p2p' ? window.p2pSender : window.beamBroadcaster.pc();
            const seconds = arguments[1];
            let last = null, peak = 0;
            for (let i = 0; i <= seconds; i++) {
              const stats = await pc.getStats();
              stats.forEach(s => {
                if (s.type === 'outbound-rtp' && s.kind === 'video') {
                  if (last) { peak = Math.max(peak, 8 * (s.bytesSent - last.bytesSent) * 1000 / (s.timestamp - last.timestamp)); }
                  last = {bytesSent: s.bytesSent, timestamp: s.timestamp};
                }
              });
              await new Promise(r => setTimeout(r, 1000));
            }
            return peak;
            """;
    private static final String PEER_TO_PEER = """
            const stream = await navigator.mediaDevices.getUserMedia({video: {width: 1280, height: 720}});
            const a = new RTCPeerConnection(), b = new RTCPeerConnection();
            a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
            b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
            stream.getTracks().forEach(t => a.addTrack(t, stream));
            await a.setLocalDescription(await a.createOffer());
            await b.setRemoteDescription(a.localDescription);
            await b.setLocalDescription(await b.createAnswer());
            await a.setRemoteDescription(b.localDescription);
            window.p2pSender = a;
            window.p2pReceiver = b;
            window.p2pStream = stream;
            return true;
            """;

    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        Browsers.requireBrowser();
        browser = Browsers.start(NoiseClip.create());
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theBroadcastersBitrateRampsUpThroughTheServerAsItDoesPeerToPeer() {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(SECONDS + 15));
        browser.get(TestServer.uri().resolve("/stream?room=bitrate-it").toString());
        JavascriptExecutor js = browser;
        js.executeScript("return (async () => {" + PEER_TO_PEER + "})();");
        double peerToPeer = ((Number) js.executeScript("return (async () => {" + PEAK_BITRATE + "})();", "p2p", SECONDS))
                .doubleValue();
        js.executeScript("window.p2pSender.close(); window.p2pReceiver.close(); window.p2pStream.getTracks().forEach(t => t.stop());");

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("start-button")).isEnabled());
        browser.findElement(By.id("start-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "Stop Streaming".equals(d.findElement(By.id("start-button")).getText()));
        double throughServer = ((Number) js.executeScript("return (async () => {" + PEAK_BITRATE + "})();", "server", SECONDS))
                .doubleValue();

        System.out.printf("video bitrate within %d s, 1280x720 noise clip: peer-to-peer %.2f Mbit/s, through the server %.2f Mbit/s (%.0f%%)%n",
                SECONDS, peerToPeer / 1e6, throughServer / 1e6, 100 * throughServer / peerToPeer);
        assertTrue(throughServer >= 1_500_000, "through the server: " + throughServer);
        assertTrue(throughServer >= 0.8 * peerToPeer, "through the server " + throughServer + " vs peer-to-peer " + peerToPeer);
    }
}
