package dev.beam.media.bwe;

import dev.beam.media.rtp.TransportCcRecorder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A deterministic path for estimator tests, stepped 1 ms at a time: a paced sender at
 * min(estimate, its own maximum) in 1200-byte packets, a drop-tail bottleneck of the given
 * capacity and buffer, optional random loss, a fixed one-way delay each way, and a viewer that
 * records arrivals in a {@link TransportCcRecorder} and sends its feedback bytes every 100 ms.
 */
final class LinkSimulation {
    static final int PACKET = 1200;
    static final long FEEDBACK_INTERVAL_US = 100_000;

    /** One sample of the estimator, taken as each feedback was processed. */
    record Sample(long timeUs, long estimateBps, BandwidthEstimator.Reason reason, long lossBasedBps) {
    }

    final BandwidthEstimator estimator;
    final List<Sample> samples = new ArrayList<>();
    long capacityBps;
    long senderMaxBps = 10_000_000;
    int bufferBytes = 100_000;
    long oneWayUs = 20_000;
    double lossProbability;
    long nowUs;
    int feedbacksWithPackets;

    private final TransportCcRecorder recorder = new TransportCcRecorder();
    private final Random random;
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();   // {arrivalUs, seq}
    private final ArrayDeque<Object[]> feedbacks = new ArrayDeque<>(); // {deliverUs, bytes}
    private long nextSendUs;
    private long bottleneckFreeUs;
    private long seq;
    private long nextFeedbackUs = FEEDBACK_INTERVAL_US;

    LinkSimulation(long capacityBps, long seed) {
        this.capacityBps = capacityBps;
        this.random = new Random(seed);
        this.estimator = new BandwidthEstimator(100_000, 1_000_000, 20_000_000);
    }

    /** Runs until {@code seconds} of simulated time have passed since the start. */
    LinkSimulation runUntil(double seconds) {
        long end = (long) (seconds * 1_000_000);
        for (; nowUs < end; nowUs += 1000) {
            while (!inFlight.isEmpty() && inFlight.peekFirst()[0] <= nowUs) {
                long[] p = inFlight.pollFirst();
                recorder.record((int) p[1], p[0]);
            }
            if (nowUs >= nextFeedbackUs) {
                writeFeedbacks();
                nextFeedbackUs += FEEDBACK_INTERVAL_US;
            }
            while (!feedbacks.isEmpty() && (long) feedbacks.peekFirst()[0] <= nowUs) {
                byte[] fb = (byte[]) feedbacks.pollFirst()[1];
                if (!estimator.onFeedback(fb, 0, fb.length, nowUs)) {
                    throw new AssertionError("feedback rejected at " + nowUs);
                }
                samples.add(new Sample(nowUs, estimator.estimateBps(), estimator.reason(),
                        estimator.lossBasedBps()));
            }
            send();
        }
        return this;
    }

    long estimateBps() {
        return estimator.estimateBps();
    }

    long minEstimate(double fromS, double toS) {
        return window(fromS, toS).stream().mapToLong(Sample::estimateBps).min().orElseThrow();
    }

    long maxEstimate(double fromS, double toS) {
        return window(fromS, toS).stream().mapToLong(Sample::estimateBps).max().orElseThrow();
    }

    long minLossBased(double fromS, double toS) {
        return window(fromS, toS).stream().mapToLong(Sample::lossBasedBps).min().orElseThrow();
    }

    /** First sample time (s) at or after {@code fromS} whose estimate is below the given rate. */
    double firstBelow(long bps, double fromS) {
        return window(fromS, Double.MAX_VALUE).stream().filter(s -> s.estimateBps() < bps)
                .mapToDouble(s -> s.timeUs() / 1e6).findFirst().orElse(Double.NaN);
    }

    boolean sawReason(BandwidthEstimator.Reason reason, double fromS, double toS) {
        return window(fromS, toS).stream().anyMatch(s -> s.reason() == reason);
    }

    private List<Sample> window(double fromS, double toS) {
        return samples.stream().filter(s -> s.timeUs() >= fromS * 1e6 && s.timeUs() < toS * 1e6).toList();
    }

    private void writeFeedbacks() {
        byte[] buf = new byte[1200];
        int len;
        while ((len = recorder.writeFeedback(buf, 0, 1, 2)) > 0) {
            feedbacks.addLast(new Object[] {nowUs + oneWayUs, Arrays.copyOf(buf, len)});
            feedbacksWithPackets++;
        }
    }

    private void send() {
        while (nextSendUs <= nowUs) {
            long at = nextSendUs;
            long rate = Math.min(estimator.estimateBps(), senderMaxBps);
            estimator.onPacketSent(seq, PACKET, at);
            long backlogBytes = Math.max(0, bottleneckFreeUs - at) * capacityBps / 8_000_000;
            boolean dropped = backlogBytes + PACKET > bufferBytes || random.nextDouble() < lossProbability;
            if (!dropped) {
                bottleneckFreeUs = Math.max(bottleneckFreeUs, at) + PACKET * 8_000_000L / capacityBps;
                inFlight.addLast(new long[] {bottleneckFreeUs + oneWayUs, seq & 0xFFFF});
            }
            seq++;
            nextSendUs += PACKET * 8_000_000L / rate;
        }
    }
}
