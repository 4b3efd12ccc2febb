package dev.beam.signaling;

/** A connection's way out: where its outgoing text frames go. */
interface FrameSink {
    void send(String frame);

    /** Drops whatever is still queued; later frames are discarded. */
    void close();

    /**
     * Another connection took its session over: this one closes, later and on another thread, with
     * a code that tells its page not to resume.
     */
    void takenOver();
}
