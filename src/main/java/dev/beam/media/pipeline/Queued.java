package dev.beam.media.pipeline;

/** What a {@link PacketWorker} needs of what it queues. */
public interface Queued {
    /** When the packet reached the server, on the worker's monotonic clock. */
    long receivedNanos();

    /** Gives the packet up: the worker is done with it, or dropped it. */
    void release();
}
