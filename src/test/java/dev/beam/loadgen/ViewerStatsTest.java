package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.testpeer.RtpPackets;
import org.junit.jupiter.api.Test;

/** A viewer counts what was sent inside the window, with the latency it measured, whatever the RTP header holds. */
class ViewerStatsTest {
    private long now;
    private final MeasurementWindow window = new MeasurementWindow();
    private final ViewerStats stats = new ViewerStats(window, 109, 98, () -> now);

    @Test
    void countsOnlyPacketsSentInTheWindow() {
        window.open(1_000, 2_000);
        deliver(109, 0, 999, 1_500);   // sent before the window
        deliver(109, 1, 1_000, 1_800); // inside: 800 ns
        deliver(109, 2, 1_999, 2_500); // inside, arrives after it: 501 ns
        deliver(109, 3, 2_000, 2_001); // sent at its end: outside
        assertEquals(2, stats.packetsInWindow());
        assertEquals(2, stats.stream(PayloadStamp.AUDIO).receivedBetween(1, 2));
        assertEquals(2, stats.latency().count());
        assertEquals(2_001, stats.lastPacketNanos());
    }

    @Test
    void readsTheStampBehindHeaderExtensionsAndTellsStreamsApart() {
        window.open(0, 1_000_000);
        byte[] video = new byte[200];
        RtpPackets.writeHeader(video, 0, 98, 7, 0, 1, true);
        video[0] |= 0x10; // one-byte header extension (RFC 8285 §4.2) with one word: a MID
        video[12] = (byte) 0xBE;
        video[13] = (byte) 0xDE;
        video[15] = 1;
        video[16] = 0x10;
        video[17] = '1';
        int payload = 20;
        int at = payload + Vp8Payload.write(video, payload, true, false, 1, 100, 0, 0);
        PayloadStamp.write(video, at, PayloadStamp.VIDEO, 42, 10);
        now = 20;
        stats.onRtp(video, 0, 200);
        assertEquals(1, stats.stream(PayloadStamp.VIDEO).receivedBetween(42, 42));
        assertEquals(0, stats.stream(PayloadStamp.AUDIO).receivedBetween(0, 100));

        byte[] other = new byte[60];
        RtpPackets.writeHeader(other, 0, 100, 1, 0, 1, false);
        stats.onRtp(other, 0, 60);
        assertEquals(1, stats.unrecognised(), "an unknown payload type");
    }

    private void deliver(int pt, long seq, long sentNanos, long arrival) {
        byte[] p = new byte[60];
        RtpPackets.writeHeader(p, 0, pt, (int) seq, 0, 1, false);
        p[12] = (byte) PayloadStamp.OPUS_TOC;
        PayloadStamp.write(p, 13, PayloadStamp.AUDIO, seq, sentNanos);
        now = arrival;
        stats.onRtp(p, 0, p.length);
    }
}
