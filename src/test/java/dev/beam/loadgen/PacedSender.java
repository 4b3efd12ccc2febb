package dev.beam.loadgen;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Sends the synthetic audio and video each packet at its own due time, so the load is spread
 * evenly rather than in bursts, until told to stop or its end time. Runs on one thread.
 */
final class PacedSender implements Runnable {

    /** Where finished packets go: encrypted and sent by the publisher's connection. */
    interface Output {
        void send(byte[] packet, int length);
    }

    private final SyntheticAudio audio;
    private final SyntheticVideo video;
    private final MeasurementWindow window;
    private final Output output;
    private final LongSupplier clock;
    private final long endNanos;
    private final StreamWindow[] inWindow = {new StreamWindow(), new StreamWindow()};
    private final byte[] packet = new byte[1500];
    private volatile boolean stopped;
    private long sent;

    PacedSender(SyntheticAudio audio, SyntheticVideo video, MeasurementWindow window, Output output,
                LongSupplier clock, long endNanos) {
        this.audio = audio;
        this.video = video;
        this.window = window;
        this.output = output;
        this.clock = clock;
        this.endNanos = endNanos;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            long now = clock.getAsLong();
            if (now - endNanos >= 0) {
                return;
            }
            long wait = Math.min(audio.nextDueNanos(), video.nextDueNanos()) - now;
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, endNanos - now));
                continue;
            }
            sendDue(now);
        }
    }

    /** Sends whatever is due at {@code now}; one step of the loop, on its own for tests. */
    void sendDue(long now) {
        if (audio.nextDueNanos() - now <= 0) {
            long stamp = clock.getAsLong();
            send(PayloadStamp.AUDIO, audio.nextSequence(), stamp, audio.next(packet, stamp));
        }
        if (video.nextDueNanos() - now <= 0) {
            long stamp = clock.getAsLong();
            send(PayloadStamp.VIDEO, video.nextSequence(), stamp, video.next(packet, stamp));
        }
    }

    /** Sent within the window, per stream ({@link PayloadStamp#AUDIO}, {@link PayloadStamp#VIDEO}). */
    StreamWindow inWindow(int stream) {
        return inWindow[stream];
    }

    long sent() {
        return sent;
    }

    private void send(int stream, long sequence, long stampNanos, int length) {
        if (window.contains(stampNanos)) {
            inWindow[stream].sent(sequence);
        }
        output.send(packet, length);
        sent++;
    }
}
