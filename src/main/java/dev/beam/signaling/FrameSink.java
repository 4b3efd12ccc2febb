package dev.beam.signaling;

/** Where a connection's outgoing text frames go. */
interface FrameSink {
    void send(String frame);

    /** Drops whatever is still queued; later frames are discarded. */
    void close();
}
