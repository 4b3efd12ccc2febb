package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The ICE layer of one transport: its agents (a restart's included, {@link IceAgents}), the pair
 * they selected ({@link SelectedPair}) and what keeps consent on it ({@link ConsentChecks}). It
 * tells the transport, through {@link Events}, what the current agent received, when ICE first
 * connected, and when the first agent failed; on ice4j's threads.
 */
final class IceLayer {
    private static final Logger LOG = Logger.getLogger(IceLayer.class.getName());

    /** What the layer reports upward, on ice4j's threads. */
    interface Events {
        /** A datagram that is not STUN, from the agent carrying the media; the bytes are valid only during the call. */
        void onDatagram(byte[] buf, int off, int len, InetSocketAddress from);

        /** The session's first agent connected: DTLS may start. */
        void onConnected();

        /** The session's first agent failed: the transport ends. */
        void onFailed(String reason);
    }

    private final String peerId;
    private final MediaPort port;
    private final ConsentChecks consent;
    private final MediaStats stats;
    private final LongSupplier nanoTime;
    private final Events events;
    private final IceAgents ice;
    private final SelectedPair pair;

    IceLayer(String peerId, MediaPort port, ConsentChecks consent, MediaStats stats, LongSupplier nanoTime,
            Events events) throws IOException {
        this.peerId = peerId;
        this.port = port;
        this.consent = consent;
        this.stats = stats;
        this.nanoTime = nanoTime;
        this.events = events;
        this.ice = new IceAgents(newAgent(true));
        this.pair = new SelectedPair(peerId, ice, port.senders());
    }

    private IceTransport newAgent(boolean initial) throws IOException {
        AgentEvents handler = new AgentEvents(initial);
        IceTransport agent = new IceTransport(peerId, port, handler);
        handler.agent = agent;
        return agent;
    }

    /** The agent carrying the media. */
    IceTransport current() {
        return ice.current();
    }

    /** The newest agent, whose local credentials the peer is to use. */
    IceTransport newest() {
        return ice.newest();
    }

    SelectedPair pair() {
        return pair;
    }

    /** See {@link WebRtcTransport#restartIce}. */
    int restart(String remoteUfrag, String remotePassword) throws IOException {
        IceTransport fresh = newAgent(false);
        int generation = ice.restart(fresh);
        fresh.start(remoteUfrag, remotePassword);
        LOG.info(() -> "[peer " + peerId + "] ICE restart " + generation);
        return generation;
    }

    /**
     * The consent timer's beat: takes the current agent's pair, then says why consent ran out, or
     * sends the check that is due ({@link ConsentChecks#beat}).
     */
    Optional<String> beat(long nowNanos) {
        IceTransport agent = ice.current();
        pair.select(agent);
        return consent.beat(nowNanos, agent);
    }

    void close() {
        ice.close();
    }

    private final class AgentEvents implements IceTransport.Handler {
        /** Whether it hears the session's first agent, whose failure ends the session. */
        private final boolean initial;
        /** The agent this handler hears, set before it starts. */
        private volatile IceTransport agent;

        AgentEvents(boolean initial) {
            this.initial = initial;
        }

        @Override
        public void onPacket(byte[] buf, int off, int len, InetSocketAddress from) {
            if (!ice.isCurrent(agent)) {
                stats.sourceDrops.increment(); // a restart's agent carries nothing before it takes over
                return;
            }
            events.onDatagram(buf, off, len, from);
        }

        @Override
        public void onConnected() {
            stats.iceConnections.increment();
            int restarted = ice.takeOver(agent);
            if (restarted == 0 && !ice.isCurrent(agent)) {
                return; // a restart replaced by a later one
            }
            pair.select(agent);
            consent.connected(nanoTime.getAsLong());
            IceTransport.Route route = pair.route();
            String over = route == null ? "" : " over " + route.transport().name().toLowerCase(Locale.ROOT) + " "
                    + route.local().getHostAddress() + " - " + route.remote();
            if (restarted > 0) {
                LOG.info(() -> "[peer " + peerId + "] ICE restart " + restarted + " connected" + over);
            } else {
                LOG.info(() -> "[peer " + peerId + "] ICE connected" + over);
                events.onConnected();
            }
        }

        /**
         * A restart's agent failing leaves the session to consent: the peer may restart again,
         * and the media goes on where the old pair still works.
         */
        @Override
        public void onFailed(String reason) {
            stats.iceFailures.increment();
            if (initial && ice.isCurrent(agent)) {
                events.onFailed(reason);
            } else {
                LOG.fine(() -> "[peer " + peerId + "] ICE restart failed: " + reason);
            }
        }

        /** RFC 7675 §5.1 keeps consent per pair: only checks on the selected pair's addresses count. */
        @Override
        public void onPeerCheck(InetSocketAddress from) {
            pair.checked(from);
            IceTransport.Route to = pair.route();
            if (to != null && to.isFrom(from)) {
                consent.confirmed(nanoTime.getAsLong());
            }
        }
    }
}
