package dev.beam.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The candidate pair a transport's media travels on once ICE selected one: what a datagram must
 * come from to be taken (the pair's remote end, or another the peer proved its own with a
 * signed check), and where sends go. It is read again from the current agent when an
 * agent connects and at every consent beat, so that a restart's pair takes over (RFC 8445 §9).
 * One volatile read per packet; sending holds no lock.
 */
final class SelectedPair {
    private static final Logger LOG = Logger.getLogger(SelectedPair.class.getName());
    /** A browser has a few candidates per address family; more would be a flood of checks. */
    static final int MAX_CHECKED = 16;

    private final String peerId;
    private final IceAgents ice;
    private final UdpSenders senders;
    private volatile IceTransport.Route route;
    /** Remote addresses that sent a check signed with the session's ICE password; copied on write, bounded. */
    private volatile InetSocketAddress[] checked = new InetSocketAddress[0];

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

    /** {@code from} sent a check signed with the session's ICE password. */
    void checked(InetSocketAddress from) {
        if (from == null || wasChecked(from)) {
            return;
        }
        synchronized (this) {
            InetSocketAddress[] now = checked;
            if (now.length < MAX_CHECKED && !wasChecked(from)) {
                InetSocketAddress[] next = Arrays.copyOf(now, now.length + 1);
                next[now.length] = from;
                checked = next;
            }
        }
    }

    /**
     * Whether a datagram from {@code from} is the peer's: from the pair's remote end, or from
     * another address that passed an ICE check. A browser may nominate another pair than the one
     * ice4j selected (ice4j keeps the first nominated), and send its DTLS there: dropped, the
     * handshake stalled until the connect timeout.
     */
    boolean isPeer(IceTransport.Route to, InetSocketAddress from) {
        return to.isFrom(from) || from != null && wasChecked(from);
    }

    private boolean wasChecked(InetSocketAddress from) {
        for (InetSocketAddress address : checked) {
            if (address.getPort() == from.getPort() && address.getAddress().equals(from.getAddress())) {
                return true;
            }
        }
        return false;
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
