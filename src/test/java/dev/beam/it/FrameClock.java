package dev.beam.it;

import java.util.concurrent.TimeUnit;

/** The beat of a test broadcaster sending 30 frames a second: frame n is due n/30 s after the start. */
final class FrameClock {
    private static final long FRAME_NANOS = 33_333_333L;

    private final long start = System.nanoTime();

    /** Sleeps until frame {@code frame} + 1 is due; at once if it already is. */
    void awaitFrameAfter(int frame) throws InterruptedException {
        long wait = start + (frame + 1) * FRAME_NANOS - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
