package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import java.io.IOException;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * One peer's secure media transport, its layers wired in one place:
 * <pre>
 *   in:  ICE ({@link IceLayer}) ─> source check ─> RFC 7983 demux ─┬─ DTLS ─> {@link DtlsHandshake} (own thread) ─> SRTP keys
 *        (ice4j's thread, {@link IncomingDatagrams})               └─ RTP/RTCP ─> pooled copy ─> handler.onPacket
 *        (the peer's worker) SRTP/SRTCP decrypt: what authenticates renews consent
 *   out: protect (SRTP/SRTCP) ─> send on the selected pair ({@link SelectedPair})
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
    private final IceLayer ice;
    private final DtlsHandshake dtls;
    private final MediaStats stats;
    private final Handler handler;
    private final ConsentChecks consent;
    private volatile SrtpTransformer srtp;
    private final EarlyMedia early;
    /** Where media goes, once ICE chose a pair; checked again at every consent beat. */
    private final SelectedPair pair;
    private final IncomingDatagrams incoming;
    private volatile boolean closed;
    /** Why the handshake was refused; the next consent beat closes, where closing now would stall the thread. */
    private volatile String refused;

    public WebRtcTransport(String peerId, MediaPort port, DtlsCertificate certificate, String remoteFingerprint,
            DtlsHandshakes handshakes, PacketPool pool, MediaStats stats, LongSupplier nanoTime, Consent consent,
            Handler handler) throws IOException {
        this.peerId = peerId;
        this.stats = stats;
        this.handler = handler;
        this.consent = new ConsentChecks(peerId, consent, stats, nanoTime);
        this.early = new EarlyMedia(stats.receiveDrops);
        this.ice = new IceLayer(peerId, port, this.consent, stats, nanoTime, new IceEvents());
        this.pair = ice.pair();
        this.dtls = new DtlsHandshake(peerId,
                new DtlsServer(certificate, remoteFingerprint, (int) consent.connectTimeout().toMillis()),
                (buf, off, len) -> ice.current().send(buf, off, len), handshakes, stats, new HandshakeOutcome());
        this.incoming = new IncomingDatagrams(peerId, pair, dtls, early, pool, stats, nanoTime, handler::onPacket,
                () -> closed);
    }

    public String peerId() {
        return peerId;
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
        return ice.restart(remoteUfrag, remotePassword);
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
     * Sends what {@code protect*} made on the selected pair (see {@link SelectedPair#send}).
     * False when it could not go out. Holds no lock.
     */
    @Override
    public boolean send(byte[] buf, int off, int len) {
        if (len <= 0 || closed) {
            return false;
        }
        return pair.send(buf, off, len);
    }

    /** Protects and sends an RTCP compound packet. */
    public boolean sendRtcp(byte[] buf, int off, int len) {
        return send(buf, off, protectRtcp(buf, off, len));
    }

    /** How the peer's media travels, from the pair ICE selected. */
    public PeerTransport transport() {
        return closed ? PeerTransport.NONE : pair.transport();
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
        ice.beat(nowNanos).ifPresent(this::close);
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

    private final class IceEvents implements IceLayer.Events {
        @Override
        public void onDatagram(byte[] buf, int off, int len, InetSocketAddress from) {
            incoming.receive(buf, off, len, from);
        }

        @Override
        public void onConnected() {
            dtls.iceConnected();
        }

        @Override
        public void onFailed(String reason) {
            close(reason);
        }
    }
}
