package dev.beam.loadgen;

/** The first and last generator sequence numbers a stream sent inside the window. Single-threaded. */
final class StreamWindow {
    private long first = -1;
    private long last = -1;

    void sent(long sequence) {
        if (first < 0) {
            first = sequence;
        }
        last = sequence;
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }

    long count() {
        return first < 0 ? 0 : last - first + 1;
    }
}
