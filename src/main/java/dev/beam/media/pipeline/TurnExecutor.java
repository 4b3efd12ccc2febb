package dev.beam.media.pipeline;

import java.util.concurrent.Executor;

/**
 * An executor whose threads keep part of a turn's work until the turn ends, such as a batch of
 * datagrams not yet sent. A {@link PacketWorker} on it calls {@link #endTurn} before another
 * thread may take its next turn, so what one owner sends leaves in the order it was sent.
 */
public interface TurnExecutor extends Executor {
    /** Completes what the calling thread holds of the turn it is running. */
    void endTurn();
}
