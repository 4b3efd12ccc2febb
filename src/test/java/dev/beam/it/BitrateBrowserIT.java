package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Chromium's encoder must ramp up through the server as it would toward a good receiver: the
 * server's transport-cc feedback, receiver reports and REMB drive its bandwidth estimate, and its
 * probes must succeed. The same browser, with the same hard-to-compress clip, is measured
 * peer-to-peer first (one layer there; the /stream page sends three). A viewer watches, as in
 * real use: with none, the server would rightly ask the page to pause its top layer.
 */
class BitrateBrowserIT {
    private static final int SECONDS = 20;
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

    /** Whether the page sends its top layer (rid h): the server asks it to pause that with no viewer. */
    private static final String TOP_ACTIVE = """
            const sender = window.beamBroadcaster.pc().getSenders().find(s => s.track && s.track.kind === 'video');
            return sender.getParameters().encodings.find(e => e.rid === 'h').active;
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
    void theBroadcastersBitrateRampsUpThroughTheServerAsItDoesPeerToPeer() throws Exception {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(SECONDS + 15));
        browser.get(TestServer.uri().resolve("/stream?room=bitrate-it").toString());
        JavascriptExecutor js = browser;
        js.executeScript("return (async () => {" + PEER_TO_PEER + "})();");
        BroadcasterRamp peerToPeer = BroadcasterRamp.measure(js, "p2p", SECONDS);
        js.executeScript("window.p2pSender.close(); window.p2pReceiver.close(); window.p2pStream.getTracks().forEach(t => t.stop());");

        String broadcasterWindow = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(TestServer.uri().resolve("/watch?room=bitrate-it").toString());
        String viewerWindow = browser.getWindowHandle();
        browser.switchTo().window(broadcasterWindow);
        double probesBefore = Metrics.value("beam_media_drops", "reason=\"rtx-padding\"");
        double repairsBefore = Metrics.value("beam_media_rtx_repairs", "");
        Browsers.goLive(browser);
        BroadcasterRamp throughServer = BroadcasterRamp.measure(js, "server", SECONDS);

        System.out.printf("video within %d s, 1280x720 gradient-under-noise clip, simulcast from /stream: peer-to-peer (one layer) "
                + "peak %.2f Mbit/s sent, estimate %.2f Mbit/s, %.1f s to %.1f Mbit/s; through the server peak %.2f "
                + "Mbit/s sent, estimate %.2f Mbit/s, %.1f s to %.1f Mbit/s (-1: not reached)%n", SECONDS,
                peerToPeer.peakBps() / 1e6, peerToPeer.peakEstimateBps() / 1e6, peerToPeer.secondsToTarget(),
                BroadcasterRamp.TARGET_BPS / 1e6, throughServer.peakBps() / 1e6, throughServer.peakEstimateBps() / 1e6,
                throughServer.secondsToTarget(), BroadcasterRamp.TARGET_BPS / 1e6);
        System.out.println("through the server, kbit/s sent/estimate every 500 ms: " + throughServer.rates());
        StringBuilder server = new StringBuilder();
        for (String[] metric : new String[][] {{"beam_media_drops", "receive"}, {"beam_media_drops", "stale"},
                {"beam_media_drops", "kernel"}, {"beam_media_drops", "forward"},
                {"beam_media_keyframe_requests", "sent"}, {"beam_media_keyframe_requests", "throttled"},
                {"beam_media_nacks", "to-broadcasters"}, {"beam_media_nacks", "from-viewers"}, {"beam_media_keyframe_requests", "retried"}}) {
            server.append(metric[0]).append('{').append(metric[1]).append("}=")
                    .append((long) Metrics.value(metric[0], metric[1])).append(' ');
        }
        System.out.println("server: " + server);
        System.out.printf("through the server: %.0f video packets retransmitted, rtx negotiated: %s, the server"
                + " dropped %.0f padding-only RTX probes and unwrapped %.0f RTX packets; peer-to-peer: %.0f"
                + " retransmitted, rtx negotiated: %s%n", throughServer.retransmitted(), throughServer.rtx(),
                Metrics.value("beam_media_drops", "reason=\"rtx-padding\"") - probesBefore,
                Metrics.value("beam_media_rtx_repairs", "") - repairsBefore, peerToPeer.retransmitted(), peerToPeer.rtx());
        assertTrue(throughServer.peakBps() >= BroadcasterRamp.TARGET_BPS, "through the server: " + throughServer);
        assertTrue(throughServer.reachedTarget(), "sent and estimate at " + BroadcasterRamp.TARGET_BPS
                + " bit/s within " + BroadcasterRamp.TARGET_SECONDS + " s of the "
                + "first frame: " + throughServer.secondsToTarget());

        browser.switchTo().window(viewerWindow).close();
        browser.switchTo().window(broadcasterWindow);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> Boolean.FALSE.equals(js.executeScript(TOP_ACTIVE)));
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(d -> d.findElement(By.id("outgoing-stats")).getText().contains("h paused"));
    }
}
