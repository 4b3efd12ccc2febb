package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.RtpPackets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the publisher sends over simulated seconds: rates, pacing, keyframes, timestamps. */
class SyntheticMediaTest {
    private static final long SECOND = 1_000_000_000L;

    private long now = 10 * SECOND;
    private final List<byte[]> sent = new ArrayList<>();
    private final MeasurementWindow window = new MeasurementWindow();
    private final SyntheticVideo video = new SyntheticVideo(96, 0x22, 2_500_000, 30, 2, now, 100, 0);
    private final PacedSender sender = new PacedSender(new SyntheticAudio(111, 0x11, now, 0, 0), video, window,
            (p, len) -> sent.add(java.util.Arrays.copyOf(p, len)), () -> now, Long.MAX_VALUE);

    @Test
    void aboutThreeHundredThirtyPacketsASecondAtTwoAndAHalfMegabits() {
        window.open(now + SECOND, now + 3 * SECOND);
        runFor(4 * SECOND);
        long videoBytes = sent.stream().filter(p -> RtpPackets.payloadType(p) == 96)
                .mapToLong(p -> p.length - 12).sum();
        assertEquals(4 * 50, sent.stream().filter(p -> RtpPackets.payloadType(p) == 111).count(), "50 audio/s");
        assertEquals(2.5e6, videoBytes * 8 / 4.0, 0.05e6, "the video bit rate");
        assertTrue(sent.size() / 4 >= 310 && sent.size() / 4 <= 340, sent.size() / 4 + " packets/s");
        assertTrue(sent.stream().allMatch(p -> p.length - 12 <= SyntheticVideo.MAX_PAYLOAD));
        assertEquals(100, sender.inWindow(PayloadStamp.AUDIO).count(), "two seconds of audio in the window");
        assertEquals(sender.inWindow(PayloadStamp.VIDEO).last() - sender.inWindow(PayloadStamp.VIDEO).first() + 1,
                sender.inWindow(PayloadStamp.VIDEO).count());
    }

    @Test
    void packetsAreSpreadOverTheFrameNotBurst() {
        runFor(SECOND);
        long[] perMs = new long[1000];
        // Re-run, recording when each packet went out.
        sent.clear();
        long start = now;
        for (long t = 0; t < SECOND; t += 100_000) {
            now = start + t;
            int before = sent.size();
            sender.sendDue(now);
            perMs[(int) (t / 1_000_000)] += sent.size() - before;
        }
        for (long n : perMs) {
            assertTrue(n <= 3, "at most a keyframe's packet and an audio one per ms, got " + n);
        }
    }

    @Test
    void keyframesComeEveryTwoSecondsAndOnRequest() {
        runFor(5 * SECOND);
        assertEquals(3, video.keyframes(), "at 0, 2 and 4 s");
        video.requestKeyframe();
        runFor(SECOND / 30);
        assertEquals(4, video.keyframes(), "the next frame after a PLI");
        List<byte[]> frameStarts = sent.stream().filter(p -> RtpPackets.payloadType(p) == 96)
                .filter(p -> Vp8Payload.startsFrame(p, 12)).toList();
        long keyframes = frameStarts.stream().filter(p -> Vp8Payload.isKeyframeHeader(p, 16, p.length - 16)).count();
        assertEquals(4, keyframes, "each shows the keyframe header");
    }

    @Test
    void timestampsRunAtNinetyKilohertzAndMarkersEndFrames() {
        runFor(SECOND);
        List<byte[]> videoPackets = sent.stream().filter(p -> RtpPackets.payloadType(p) == 96).toList();
        byte[] first = videoPackets.get(0);
        byte[] lastOfSecond = videoPackets.get(videoPackets.size() - 1);
        assertEquals(29 * 3000, RtpPackets.timestamp(lastOfSecond) - RtpPackets.timestamp(first));
        for (int i = 0; i + 1 < videoPackets.size(); i++) {
            boolean frameEnds = RtpPackets.timestamp(videoPackets.get(i + 1)) != RtpPackets.timestamp(videoPackets.get(i));
            assertEquals(frameEnds, RtpPackets.marker(videoPackets.get(i)), "marker on a frame's last packet, " + i);
            assertEquals((RtpPackets.sequenceNumber(videoPackets.get(i)) + 1) & 0xFFFF,
                    RtpPackets.sequenceNumber(videoPackets.get(i + 1)));
        }
        List<byte[]> audio = sent.stream().filter(p -> RtpPackets.payloadType(p) == 111).toList();
        assertEquals(960, RtpPackets.timestamp(audio.get(1)) - RtpPackets.timestamp(audio.get(0)), "48 kHz, 20 ms");
        assertFalse(RtpPackets.marker(audio.get(1)));
    }

    private void runFor(long nanos) {
        long end = now + nanos;
        for (; now < end; now += 100_000) { // the sender's loop, at 0.1 ms steps
            sender.sendDue(now);
        }
    }
}
