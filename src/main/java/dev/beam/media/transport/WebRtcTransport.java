package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import java.io.IOException;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One peer's secure media transport, its layers wired in one place:
 * <pre>
 *   in:  ICE ─> source check ─> RFC 7983 demux ─┬─ DTLS ─> {@link DtlsHandshake} (own thread) ─> SRTP keys
 *        (ice4j's thread)                       └─ RTP/RTCP ─> pooled copy ─> handler.onPacket
 *        (the peer's worker) SRTP/SRTCP decrypt: what authenticates renews consent
 *   out: protect (SRTP/SRTCP) ─> send through ICE
 *   consent: checks on the selected pair (RFC 7675, {@link ConsentChecks}), driven by {@link #keepConsent}
 *   ICE restart: a second agent takes over the media once it connects ({@link IceAgents})
 * </pre>
 * The receive thread only checks the source, classifies and hands off: after ICE chose a pair,
 * what comes from another address is dropped before any crypto. Protecting is serialized per direction
 * inside {@link SrtpTransformer}; sending holds no lock.
 */
public final class WebRtcTransport implements SrtpSender, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebRtcTransport.class.getName());

    /** What the transport reports, on ice4j's or the handshake's thread. */
    public interface Handler {
        /** DTLS completed: media can flow both ways. */
        void onConnected();

        /** An SRTP or SRTCP packet, still encrypted; the handler owns it. */
        void onPacket(Packet packet);

        /** The transport is gone, once, for the reason given. */
        void onClosed(String reason);
    }

    /**
     * How consent is kept (RFC 7675): checks every {@code interval}, closed after {@code timeout}
     * unanswered; and how long ICE and DTLS together may take before the session is closed.
     */
    public record Consent(Duration interval, Duration timeout, Duration connectTimeout) {
        public static final Consent RFC_7675 = new Consent(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    private final String peerId;
    private final MediaPort port;
    private final IceAgents ice;
    private final DtlsHandshake dtls;
    private final MediaStats stats;
    private final PacketPool pool;
    private final Handler handler;
    private final LongSupplier nanoTime;
    private final ConsentChecks consent;
    private final UdpSenders senders;
    private volatile SrtpTransformer srtp;
    private final EarlyMedia early;
    /** Where media goes, once ICE chose a pair; checked again at every consent beat. */
    private volatile IceTransport.Route route;
    private volatile boolean closed;
    /** Why the handshake was refused; the next consent beat closes, where closing now would stall the thread. */
    private volatile String refused;

    public WebRtcTransport(String peerId, MediaPort port, DtlsCertificate certificate, String remoteFingerprint,
            DtlsHandshakes handshakes, PacketPool pool, MediaStats stats, LongSupplier nanoTime, Consent consent,
            Handler handler) throws IOException {
        this.peerId = peerId;
        this.port = port;
        this.pool = pool;
        this.stats = stats;
        this.handler = handler;
        this.nanoTime = nanoTime;
        this.consent = new ConsentChecks(peerId, consent, stats, nanoTime);
        this.senders = port.senders();
        this.early = new EarlyMedia(stats.receiveDrops);
        this.ice = new IceAgents(newAgent(true));
        this.dtls = new DtlsHandshake(peerId,
                new DtlsServer(certificate, remoteFingerprint, (int) consent.connectTimeout().toMillis()),
                (buf, off, len) -> ice.current().send(buf, off, len), handshakes, stats, new HandshakeOutcome());
    }

    public String peerId() {
        return peerId;
    }

    private IceTransport newAgent(boolean initial) throws IOException {
        IceHandler handler = new IceHandler(initial);
        IceTransport agent = new IceTransport(peerId, port, handler);
        handler.agent = agent;
        return agent;
    }

    /** The local ICE credentials: the latest restart's once there was one. */
    public String iceUfrag() {
        return ice.newest().localUfrag();
    }

    public String icePassword() {
        return ice.newest().localPassword();
    }

    /**
     * Starts ICE with the offer's credentials. The DTLS handshake starts once ICE has a pair to
     * answer on and the peer's ClientHello has come (it often comes first, and waits in the queue).
     */
    public void start(String remoteUfrag, String remotePassword) {
        ice.current().start(remoteUfrag, remotePassword);
    }

    /**
     * An ICE restart (RFC 8445 §9): a new agent, with new local credentials, checks the peer's
     * new ones, while the current pair carries the media on until the new agent connects and
     * takes over. DTLS and SRTP go on as they are, as RFC 9725 §4.3 and JSEP expect of a restart
     * that keeps the fingerprint. A restart before the previous one connected replaces it.
     * Returns the restart's generation: 1 for the first.
     */
    public int restartIce(String remoteUfrag, String remotePassword) throws IOException {
        IceTransport fresh = newAgent(false);
        int generation = ice.restart(fresh);
        fresh.start(remoteUfrag, remotePassword);
        LOG.info(() -> "[peer " + peerId + "] ICE restart " + generation);
        return generation;
    }

    /** A candidate the peer trickled; refused when the server cannot use it, ignored when mDNS or TCP. */
    public void addRemoteCandidate(String candidate) throws CandidateLine.RefusedException {
        ice.newest().addRemoteCandidate(candidate);
    }

    @Override
    public boolean isConnected() {
        return srtp != null && !closed;
    }

    /**
     * Decrypts an SRTP packet in place (RFC 3711 §3.3); false, counted, when it fails
     * authentication. One that authenticates shows the peer is there: it renews consent.
     */
    public boolean unprotectRtp(Packet packet) {
        SrtpTransformer keys = srtp;
        int length = keys == null ? -1 : keys.unprotectRtp(packet.buf, 0, packet.length);
        return unprotected(packet, length);
    }

    /** As {@link #unprotectRtp} for SRTCP (RFC 3711 §3.4). */
    public boolean unprotectRtcp(Packet packet) {
        SrtpTransformer keys = srtp;
        int length = keys == null ? -1 : keys.unprotectRtcp(packet.buf, 0, packet.length);
        return unprotected(packet, length);
    }

    /**
     * Encrypts an RTP packet in place; the buffer needs {@link SrtpTransformer#MAX_OVERHEAD} bytes
     * after it. Returns the SRTP length, or -1 before the handshake or after close.
     */
    @Override
    public int protectRtp(byte[] buf, int off, int len) {
        SrtpTransformer keys = srtp;
        return keys == null || closed ? -1 : keys.protectRtp(buf, off, len);
    }

    /** As {@link #protectRtp} for an RTCP compound packet. */
    @Override
    public int protectRtcp(byte[] buf, int off, int len) {
        SrtpTransformer keys = srtp;
        return keys == null || closed ? -1 : keys.protectRtcp(buf, off, len);
    }

    /**
     * Sends what {@code protect*} made: over the pair's TCP connection when it is one (queued,
     * never blocking), into this thread's batch when it is a media worker's, else through ice4j.
     * False when it could not go out. Holds no lock.
     */
    @Override
    public boolean send(byte[] buf, int off, int len) {
        if (len <= 0 || closed) {
            return false;
        }
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

    /** Protects and sends an RTCP compound packet. */
    public boolean sendRtcp(byte[] buf, int off, int len) {
        return send(buf, off, protectRtcp(buf, off, len));
    }

    /** How the peer's media travels, from the pair ICE selected. */
    public PeerTransport transport() {
        IceTransport.Route to = route;
        return to == null || closed ? PeerTransport.NONE : to.transport();
    }

    /** Round trip to the peer from its answers to consent checks, -1 until measured. */
    public long rttMillis() {
        return consent.rttMillis();
    }

    /**
     * The consent timer's beat: closes the transport when consent has run out (RFC 7675 §5.1, or
     * ICE never connected), else sends the check that is due.
     */
    public void keepConsent(long nowNanos) {
        if (closed) {
            return;
        }
        String why = refused;
        if (why != null) {
            LOG.info(() -> "[peer " + peerId + "] closed: " + why);
            close("too many DTLS handshakes in flight");
            return;
        }
        IceTransport agent = ice.current();
        route = agent.route();
        consent.beat(nowNanos, agent).ifPresent(this::close);
    }

    @Override
    public void close() {
        close("closed");
    }

    public void close(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LOG.fine(() -> "[peer " + peerId + "] transport closed: " + reason);
        dtls.close();
        ice.close();
        early.close();
        SrtpTransformer keys = srtp;
        if (keys != null) {
            keys.close();
        }
        handler.onClosed(reason);
    }

    private boolean unprotected(Packet packet, int length) {
        if (length <= 0) {
            stats.srtpFailures.increment();
            return false;
        }
        packet.length = length;
        consent.confirmed(packet.receivedNanos());
        return true;
    }

    private final class HandshakeOutcome implements DtlsHandshake.Outcome {
        @Override
        public void secured(SrtpTransformer keys) {
            srtp = keys;
            consent.secured();
            if (!closed) {
                handler.onConnected();
                early.open(handler::onPacket);
            }
        }

        @Override
        public void failed(String reason) {
            close(reason);
        }

        @Override
        public void refused(String why) {
            refused = why;
        }
    }

    private final class IceHandler implements IceTransport.Handler {
        /** Whether it hears the session's first agent, whose failure ends the session. */
        private final boolean initial;
        /** The agent this handler hears, set before it starts. */
        private volatile IceTransport agent;

        IceHandler(boolean initial) {
            this.initial = initial;
        }

        /**
         * On ice4j's receive thread: the source check, the RFC 7983 demux, the hand-off; nothing
         * more. Before ICE chose a pair, only DTLS is taken (from an address ice4j admitted with
         * an authenticated check); after, only what comes from the pair's remote address.
         */
        @Override
        public void onPacket(byte[] buf, int off, int len, InetSocketAddress from) {
            if (!ice.isCurrent(agent)) {
                stats.sourceDrops.increment(); // a restart's agent carries nothing before it takes over
                return;
            }
            IceTransport.Route to = route;
            if (to != null && !to.isFrom(from)) {
                stats.sourceDrops.increment();
                return;
            }
            switch (PacketClassifier.classify(buf, off, len)) {
                case DTLS -> dtls.offer(buf, off, len);
                case RTP, RTCP -> {
                    if (to == null || closed) {
                        return;
                    }
                    Packet packet = pool.take(buf, off, len, nanoTime.getAsLong());
                    if (packet == null) {
                        stats.receiveDrops.increment();
                    } else if (early.isOpen() || !early.offer(packet)) {
                        handler.onPacket(packet);
                    }
                }
                default -> stats.unknownPackets.increment();
            }
        }

        @Override
        public void onConnected() {
            stats.iceConnections.increment();
            int restarted = ice.takeOver(agent);
            if (restarted == 0 && !ice.isCurrent(agent)) {
                return; // a restart replaced by a later one
            }
            route = agent.route();
            consent.connected(nanoTime.getAsLong());
            if (restarted > 0) {
                LOG.info(() -> "[peer " + peerId + "] ICE restart " + restarted + " connected");
            } else {
                dtls.iceConnected();
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
                close(reason);
            } else {
                LOG.fine(() -> "[peer " + peerId + "] ICE restart failed: " + reason);
            }
        }

        /** RFC 7675 §5.1 keeps consent per pair: only checks on the selected pair's addresses count. */
        @Override
        public void onPeerCheck(InetSocketAddress from) {
            IceTransport.Route to = route;
            if (to != null && to.isFrom(from)) {
                consent.confirmed(nanoTime.getAsLong());
            }
        }
    }
}
