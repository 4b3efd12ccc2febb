package dev.beam.media.transport;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The candidate pair a transport's media travels on once ICE selected one: what a datagram must
 * come from to be taken, and where sends go. It is read again from the current agent when an
 * agent connects and at every consent beat, so that a restart's pair takes over (RFC 8445 §9).
 * One volatile read per packet; sending holds no lock.
 */
final class SelectedPair {
    private static final Logger LOG = Logger.getLogger(SelectedPair.class.getName());

    private final String peerId;
    private final IceAgents ice;
    private final UdpSenders senders;
    private volatile IceTransport.Route route;

    SelectedPair(String peerId, IceAgents ice, UdpSenders senders) {
        this.peerId = peerId;
        this.ice = ice;
        this.senders = senders;
    }

    /** The pair's route, or null until ICE chose a pair. */
    IceTransport.Route route() {
        return route;
    }

    /** Takes the pair {@code agent} selected, or null while it has none. */
    void select(IceTransport agent) {
        route = agent.route();
    }

    /**
     * Sends a protected packet: over the pair's TCP connection when it is one (queued, never
     * blocking), into this thread's batch when it is a media worker's, else through ice4j.
     * False when it could not go out.
     */
    boolean send(byte[] buf, int off, int len) {
        IceTransport.Route to = route;
        if (to != null && to.link() != null) {
            return to.link().send(buf, off, len);
        }
        UdpBatch batch = to == null ? null : senders.current(to.local());
        if (batch != null) {
            return batch.add(buf, off, len, to.destination());
        }
        try {
            ice.current().send(buf, off, len);
            return true;
        } catch (IOException e) {
            LOG.log(Level.FINEST, "[peer " + peerId + "] send failed", e);
            return false;
        }
    }

    /** How the media travels, from the selected pair; {@link PeerTransport#NONE} before there is one. */
    PeerTransport transport() {
        IceTransport.Route to = route;
        return to == null ? PeerTransport.NONE : to.transport();
    }
}
