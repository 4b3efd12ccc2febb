package dev.beam.it;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * How fast a broadcaster's video ramps up, measured in its page: every 500 ms, what the video sent in all over
 * the last second (every simulcast layer) and the estimate toward the peer (availableOutgoingBitrate).
 *
 * @param peakBps         the most sent over a second
 * @param peakEstimateBps the highest estimate
 * @param secondsToTarget from the first frame encoded until both reached the target, -1 if they did not
 * @param rates           kbit/s sent/estimated every 500 ms, and per layer what the sender's stats say at the end
 * @param retransmitted   video packets resent (retransmittedPacketsSent, on RTX where negotiated)
 * @param rtx             whether the video sender's negotiated codecs include video/rtx
 */
record BroadcasterRamp(double peakBps, double peakEstimateBps, double secondsToTarget, String rates,
        double retransmitted, boolean rtx) {
    /** The target: both the estimate and what is sent reach this within 8 s of the first frame. */
    static final double TARGET_BPS = 1_500_000;
    static final double TARGET_SECONDS = 8;

    private static final String SCRIPT = """
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
            """;;

    /**
     * Measures for {@code seconds} the connection {@code window.beamBroadcaster.pc()} ("server") or
     * {@code window.p2pSender} ("p2p") of the current window's page.
     */
    static BroadcasterRamp measure(JavascriptExecutor page, String connection, int seconds) {
        start(page, connection, seconds);
        return result(page);
    }

    /** Starts measuring in the page, which goes on while the test does other things. */
    static void start(JavascriptExecutor page, String connection, int seconds) {
        // The async function keeps this script's arguments after the script has returned.
        page.executeScript("window.beamRamp = (async () => {" + SCRIPT + "})(); return true;", connection, seconds,
                TARGET_BPS);
    }

    /** Waits for the measurement started in the page, which must be the current window's again. */
    static BroadcasterRamp result(JavascriptExecutor page) {
        List<?> figures = (List<?>) page.executeScript("return window.beamRamp;");
        return new BroadcasterRamp(number(figures, 0), number(figures, 1), number(figures, 2),
                String.valueOf(figures.get(3)), number(figures, 4), Boolean.TRUE.equals(figures.get(5)));
    }

    boolean reachedTarget() {
        return secondsToTarget >= 0 && secondsToTarget <= TARGET_SECONDS;
    }

    private static double number(List<?> figures, int index) {
        return ((Number) figures.get(index)).doubleValue();
    }
}
