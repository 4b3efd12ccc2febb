package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.tls.DTLSServerProtocol;

/**
 * One peer's secure media transport, its layers wired in one place:
 * <pre>
 *   in:  ICE ─> RFC 7983 demux ─┬─ DTLS ─> handshake ─> SRTP keys
 *                               ├─ RTP  ─> SRTP decrypt ─> handler.onRtp
 *                               └─ RTCP ─> SRTCP decrypt ─> handler.onRtcp
 *   out: sendRtp / sendRtcp ─> SRTP encrypt (in place) ─> ICE
 * </pre>
 * The handshake blocks, so it runs on the executor handed in, from the moment ICE has a pair;
 * everything else runs on the caller's thread. A peer that sends nothing for {@link #CONSENT_TIMEOUT} (RFC 7675 §5.1: its
 * consent checks and RTCP stop) or never connects in that time is closed by {@link #checkAlive}.
 */
public final class WebRtcTransport implements PacketSender, AutoCloseable {
    public static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(25);
    private static final Logger LOG = Logger.getLogger(WebRtcTransport.class.getName());

    /** What the transport reports, on ice4j's or the handshake's thread. */
    public interface Handler {
        /** DTLS completed: media can flow both ways. */
        void onConnected();

        /** A decrypted RTP packet; the bytes are valid only during the call. */
        void onRtp(byte[] buf, int off, int len);

        /** A decrypted RTCP compound packet; the bytes are valid only during the call. */
        void onRtcp(byte[] buf, int off, int len);

        /** The transport is gone, once, for the reason given. */
        void onClosed(String reason);
    }

    private final String peerId;
    private final IceTransport ice;
    private final DtlsServer dtls;
    private final DtlsPacketQueue dtlsQueue;
    private final Executor handshakeExecutor;
    private final MediaStats stats;
    private final Handler handler;
    private final LongSupplier nanoTime;
    private final ConsentTimer consent;
    private volatile SrtpTransformer srtp;
    private volatile boolean closed;

    public WebRtcTransport(String peerId, MediaPort port, DtlsCertificate certificate, String remoteFingerprint,
            Executor handshakeExecutor, MediaStats stats, LongSupplier nanoTime, Handler handler) throws IOException {
        this.peerId = peerId;
        this.handshakeExecutor = handshakeExecutor;
        this.stats = stats;
        this.handler = handler;
        this.nanoTime = nanoTime;
        this.consent = new ConsentTimer(nanoTime.getAsLong(), CONSENT_TIMEOUT);
        this.dtls = new DtlsServer(certificate, remoteFingerprint);
        this.ice = new IceTransport(peerId, port, new IceHandler());
        this.dtlsQueue = new DtlsPacketQueue(ice::send);
    }

    public String iceUfrag() {
        return ice.localUfrag();
    }

    public String icePassword() {
        return ice.localPassword();
    }

    /**
     * Starts ICE with the offer's credentials. The DTLS handshake starts once ICE has a pair to
     * answer on; the browser's ClientHello often comes before that and waits in the queue.
     */
    public void start(String remoteUfrag, String remotePassword) {
        ice.start(remoteUfrag, remotePassword);
    }

    /** A candidate the peer trickled; false when it is not one the server can use. */
    public boolean addRemoteCandidate(String candidate) {
        return ice.addRemoteCandidate(candidate);
    }

    @Override
    public boolean isConnected() {
        return srtp != null && !closed;
    }

    /**
     * Packets are dropped until the handshake completes. Callers on several threads (the fan-out,
     * retransmissions) are serialized: SRTP's per-stream state must not race.
     */
    @Override
    public synchronized int sendRtp(byte[] buf, int off, int len) {
        SrtpTransformer keys = srtp;
        if (keys == null || closed) {
            return -1;
        }
        int protectedLength = keys.protectRtp(buf, off, len);
        return send(buf, off, protectedLength) ? protectedLength : -1;
    }

    @Override
    public boolean resendSrtp(byte[] buf, int off, int len) {
        return srtp != null && !closed && send(buf, off, len);
    }

    /** Callers on several threads are serialized: SRTCP's index must not race. */
    @Override
    public synchronized boolean sendRtcp(byte[] buf, int off, int len) {
        SrtpTransformer keys = srtp;
        if (keys == null || closed) {
            return false;
        }
        return send(buf, off, keys.protectRtcp(buf, off, len));
    }

    /** Closes the transport if the peer has gone quiet; {@code nowNanos} on the transport's clock. */
    public void checkAlive(long nowNanos) {
        consent.expired(nowNanos).ifPresent(reason -> {
            stats.consentExpiries.increment();
            close(reason);
        });
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
        dtlsQueue.close();
        ice.close();
        SrtpTransformer keys = srtp;
        if (keys != null) {
            keys.close();
        }
        handler.onClosed(reason);
    }

    /** {@code len} is what protection returned: -1 when SRTP refused the packet. */
    private boolean send(byte[] buf, int off, int len) {
        if (len <= 0) {
            return false;
        }
        try {
            ice.send(buf, off, len);
            return true;
        } catch (IOException e) {
            LOG.log(Level.FINE, "[peer " + peerId + "] send failed", e);
            return false;
        }
    }

    private void handshake() {
        try {
            new DTLSServerProtocol().accept(dtls, dtlsQueue);
            srtp = SrtpTransformer.forServer(dtls.keys().orElseThrow());
            stats.dtlsHandshakes.increment();
            LOG.fine(() -> "[peer " + peerId + "] DTLS done, SRTP profile " + dtls.keys().orElseThrow().profile());
            if (closed) {
                return;
            }
            handler.onConnected();
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                stats.dtlsFailures.increment();
                LOG.log(Level.INFO, "[peer " + peerId + "] DTLS handshake failed: " + e.getMessage());
                close("DTLS handshake failed: " + e.getMessage());
            }
        }
    }

    private final class IceHandler implements IceTransport.Handler {
        @Override
        public void onPacket(byte[] buf, int off, int len) {
            consent.received(nanoTime.getAsLong());
            switch (PacketClassifier.classify(buf, off, len)) {
                case DTLS -> dtlsQueue.offer(buf, off, len);
                case RTP -> {
                    SrtpTransformer keys = srtp;
                    int plain = keys == null ? -1 : keys.unprotectRtp(buf, off, len);
                    if (plain > 0) {
                        handler.onRtp(buf, off, plain);
                    } else if (keys != null) {
                        stats.srtpFailures.increment();
                    }
                }
                case RTCP -> {
                    SrtpTransformer keys = srtp;
                    int plain = keys == null ? -1 : keys.unprotectRtcp(buf, off, len);
                    if (plain > 0) {
                        handler.onRtcp(buf, off, plain);
                    } else if (keys != null) {
                        stats.srtpFailures.increment();
                    }
                }
                default -> {
                    // STUN is ice4j's; anything else has no business on this port.
                }
            }
        }

        @Override
        public void onConnected() {
            stats.iceConnections.increment();
            if (!closed) {
                handshakeExecutor.execute(WebRtcTransport.this::handshake);
            }
        }

        @Override
        public void onFailed(String reason) {
            stats.iceFailures.increment();
            close(reason);
        }
    }
}
