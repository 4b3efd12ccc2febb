package dev.beam.loadgen;

/**
 * The interval being measured, on the System.nanoTime() scale: a packet counts when it was
 * sent inside it, wherever and whenever it arrives. Closed until opened.
 */
final class MeasurementWindow {
    private volatile long start;
    private volatile long end;
    private volatile boolean open;

    void open(long startNanos, long endNanos) {
        start = startNanos;
        end = endNanos;
        open = true;
    }

    boolean contains(long nanos) {
        return open && nanos - start >= 0 && nanos - end < 0;
    }

    long startNanos() {
        return start;
    }

    long endNanos() {
        return end;
    }
}
