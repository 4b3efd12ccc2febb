package dev.beam.loadgen;

import dev.beam.testpeer.PeerConnection;
import dev.beam.testpeer.RtpPackets;
import java.util.function.LongSupplier;

/**
 * What one viewer measured: per stream the generator sequence numbers that arrived, and the
 * latency of each packet sent within the window. Fed by the viewer's connection one packet at a
 * time; read once the connection is closed (its close orders those writes before the read).
 * The clock is System.nanoTime in use, a test's in tests.
 */
final class ViewerStats implements PeerConnection.MediaSink {
    private final MeasurementWindow window;
    private final int audioPt;
    private final int videoPt;
    private final SequenceLoss[] streams = {new SequenceLoss(), new SequenceLoss()};
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongSupplier clock;
    private long packetsInWindow;
    private long unrecognised;
    private volatile long lastPacketNanos;

    ViewerStats(MeasurementWindow window, int audioPt, int videoPt, LongSupplier clock) {
        this.window = window;
        this.audioPt = audioPt;
        this.videoPt = videoPt;
        this.clock = clock;
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        long now = clock.getAsLong();
        lastPacketNanos = now;
        int pt = buf[off + 1] & 0x7F;
        int stream = pt == audioPt ? PayloadStamp.AUDIO : pt == videoPt ? PayloadStamp.VIDEO : -1;
        int payload = RtpPackets.payloadOffset(buf, off, len);
        int payloadLength = RtpPackets.payloadLength(buf, off, len);
        int stamp = stream < 0 || payload < 0 || payloadLength < 0 ? -1
                : PayloadStamp.find(buf, payload, payloadLength, stream);
        if (stamp < 0) {
            unrecognised++;
            return;
        }
        long sent = PayloadStamp.sentNanos(buf, stamp);
        if (window.contains(sent)) {
            streams[stream].record(PayloadStamp.sequence(buf, stamp));
            latency.record(now - sent);
            packetsInWindow++;
        }
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        // sender reports: nothing to measure
    }

    SequenceLoss stream(int stream) {
        return streams[stream];
    }

    LatencyHistogram latency() {
        return latency;
    }

    long packetsInWindow() {
        return packetsInWindow;
    }

    long unrecognised() {
        return unrecognised;
    }

    /** When the last RTP packet arrived, or 0. */
    long lastPacketNanos() {
        return lastPacketNanos;
    }
}
