package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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
    /** The target: both the estimate and what is sent reach this within 8 s of the first frame. */
    private static final double TARGET_BPS = 1_500_000;
    /**
     * Samples every 500 ms for {@code seconds} what the video sent in all over the last second (every simulcast layer)
     * and the estimate toward the peer (availableOutgoingBitrate); returns the peak sent, the peak
     * estimate, the seconds from the first frame encoded until both reached the target (-1: never), the rates
     * sent and estimated every 500 ms, the video packets resent (retransmittedPacketsSent, on RTX where negotiated) and whether the video sender's negotiated
     * codecs include video/rtx.
     */
    private static final String RAMP = """
            const pc = arguments[0] === 'p2p' ? window.p2pSender : window.beamBroadcaster.pc();
            const seconds = arguments[1], target = arguments[2];
            const history = [];
            let peak = 0, peakEstimate = 0, firstFrame = null, reached = -1, retransmitted = 0;
            const rates = [];
            for (let i = 0; i <= 2 * seconds; i++) {
              const stats = await pc.getStats();
              const bytes = {};
              let frames = 0, estimate = 0, at = 0, resent = 0;
              stats.forEach(s => {
                if (s.type === 'outbound-rtp' && s.kind === 'video') {
                  bytes[s.id] = s.bytesSent; frames += s.framesEncoded || 0; at = s.timestamp;
                  resent += s.retransmittedPacketsSent || 0;
                }
                if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate) {
                  estimate = s.availableOutgoingBitrate;
                }
              });
              if (frames > 0 && firstFrame === null) firstFrame = at;
              history.push({bytes, at});
              retransmitted = resent;
              const last = history.length > 2 ? history[history.length - 3] : null; // a second ago: no keyframe peaks
              if (last && at > last.at) {
                // Per stream: one that appears (a layer turned on again) counts from its first sample.
                let sent = 0;
                for (const id in bytes) { if (id in last.bytes) { sent += bytes[id] - last.bytes[id]; } }
                const rate = 8 * sent * 1000 / (at - last.at);
                peak = Math.max(peak, rate);
                rates.push(Math.round(rate / 1000) + '/' + Math.round(estimate / 1000));
                peakEstimate = Math.max(peakEstimate, estimate);
                if (reached < 0 && firstFrame !== null && rate >= target && estimate >= target) {
                  reached = (at - firstFrame) / 1000;
                }
              }
              await new Promise(r => setTimeout(r, 500));
            }
            const video = pc.getSenders().find(s => s.track && s.track.kind === 'video');
            const rtx = !!video && (video.getParameters().codecs || [])
                .some(c => c.mimeType.toLowerCase() === 'video/rtx');
            const streams = [];
            (await pc.getStats()).forEach(s => { if (s.type === 'outbound-rtp' && s.kind === 'video') {
              streams.push([s.rid, s.bytesSent, s.packetsSent, s.framesEncoded, s.keyFramesEncoded, s.pliCount, s.firCount, s.qualityLimitationReason, s.scalabilityMode, s.frameWidth, s.targetBitrate, s.active].join(':')); } });
            return [peak, peakEstimate, reached, rates.join(' ') + '; per layer (rid:bytes:packets:frames:keyframes:PLIs:FIRs:limitation:mode:width:target:active): ' + streams.join(' | '), retransmitted, rtx];
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

    private static double value(List<?> figures, int index) {
        return ((Number) figures.get(index)).doubleValue();
    }

    @Test
    void theBroadcastersBitrateRampsUpThroughTheServerAsItDoesPeerToPeer() throws Exception {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(SECONDS + 15));
        browser.get(TestServer.uri().resolve("/stream?room=bitrate-it").toString());
        JavascriptExecutor js = browser;
        js.executeScript("return (async () => {" + PEER_TO_PEER + "})();");
        List<?> peerToPeer = (List<?>) js.executeScript("return (async () => {" + RAMP + "})();", "p2p", SECONDS,
                TARGET_BPS);
        js.executeScript("window.p2pSender.close(); window.p2pReceiver.close(); window.p2pStream.getTracks().forEach(t => t.stop());");

        String broadcasterWindow = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(TestServer.uri().resolve("/watch?room=bitrate-it").toString());
        String viewerWindow = browser.getWindowHandle();
        browser.switchTo().window(broadcasterWindow);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("start-button")).isEnabled());
        double probesBefore = Metrics.value("beam_media_drops", "reason=\"rtx-padding\"");
        double repairsBefore = Metrics.value("beam_media_rtx_repairs", "");
        browser.findElement(By.id("start-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "Stop Streaming".equals(d.findElement(By.id("start-button")).getText()));
        List<?> throughServer = (List<?>) js.executeScript("return (async () => {" + RAMP + "})();", "server", SECONDS,
                TARGET_BPS);

        System.out.printf("video within %d s, 1280x720 gradient-under-noise clip, simulcast from /stream: peer-to-peer (one layer) "
                + "peak %.2f Mbit/s sent, estimate %.2f Mbit/s, %.1f s to %.1f Mbit/s; through the server peak %.2f "
                + "Mbit/s sent, estimate %.2f Mbit/s, %.1f s to %.1f Mbit/s (-1: not reached)%n", SECONDS,
                value(peerToPeer, 0) / 1e6, value(peerToPeer, 1) / 1e6, value(peerToPeer, 2), TARGET_BPS / 1e6,
                value(throughServer, 0) / 1e6, value(throughServer, 1) / 1e6, value(throughServer, 2), TARGET_BPS / 1e6);
        System.out.println("through the server, kbit/s sent/estimate every 500 ms: " + throughServer.get(3));
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
                + " retransmitted, rtx negotiated: %s%n", value(throughServer, 4), throughServer.get(5),
                Metrics.value("beam_media_drops", "reason=\"rtx-padding\"") - probesBefore,
                Metrics.value("beam_media_rtx_repairs", "") - repairsBefore, value(peerToPeer, 4), peerToPeer.get(5));
        assertTrue(value(throughServer, 0) >= TARGET_BPS, "through the server: " + throughServer);
        double seconds = value(throughServer, 2);
        assertTrue(seconds >= 0 && seconds <= 8, "sent and estimate at " + TARGET_BPS + " bit/s within 8 s of the "
                + "first frame: " + seconds);

        browser.switchTo().window(viewerWindow).close();
        browser.switchTo().window(broadcasterWindow);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> Boolean.FALSE.equals(js.executeScript(TOP_ACTIVE)));
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(d -> d.findElement(By.id("outgoing-stats")).getText().contains("h paused"));
    }
}
