package dev.beam.media.transport;

import java.io.IOException;

/**
 * The ICE agents of one transport: the one carrying its media, and the one an ICE restart
 * (RFC 8445 §9) is bringing up, which takes over once it connects. A restart while another is
 * still connecting replaces that one. Thread-safe: restarts come from signaling, connections
 * from ice4j's threads, reads from the packet paths.
 */
final class IceAgents {
    private volatile IceTransport current;
    private volatile IceTransport restarting;
    private int generation;
    private boolean closed;

    IceAgents(IceTransport first) {
        this.current = first;
    }

    /** The agent carrying the media. */
    IceTransport current() {
        return current;
    }

    /** The newest agent, whose credentials the peer is to use: the restarting one while there is one. */
    IceTransport newest() {
        IceTransport pending = restarting;
        return pending != null ? pending : current;
    }

    boolean isCurrent(IceTransport agent) {
        return agent == current;
    }

    /**
     * Makes {@code fresh} the restarting agent, closing one that was still connecting; returns the
     * restart's generation (1 for the first). Once closed, {@code fresh} is closed and refused.
     */
    int restart(IceTransport fresh) throws IOException {
        IceTransport replaced;
        int restarted;
        synchronized (this) {
            if (closed) {
                fresh.close();
                throw new IOException("the transport is closed");
            }
            replaced = restarting;
            restarting = fresh;
            restarted = ++generation;
        }
        if (replaced != null) {
            replaced.close();
        }
        return restarted;
    }

    /**
     * The restarting {@code agent} connected: it carries the media from now on, and the one
     * before it is closed. Returns its generation, or 0 when it is not the restarting agent
     * (replaced, or everything closed).
     */
    int takeOver(IceTransport agent) {
        IceTransport previous;
        int restarted;
        synchronized (this) {
            if (closed || restarting != agent) {
                return 0;
            }
            previous = current;
            current = agent;
            restarting = null;
            restarted = generation;
        }
        previous.close();
        return restarted;
    }

    void close() {
        synchronized (this) {
            closed = true;
        }
        current.close();
        IceTransport pending = restarting;
        if (pending != null) {
            pending.close();
        }
    }
}
