package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.tls.DTLSServerProtocol;

/**
 * One peer's DTLS handshake, from its first record to SRTP keys (RFC 5764 §4): queues the records
 * the demux hands over, starts the handshake on a thread of its own from {@link DtlsHandshakes} once
 * ICE has a pair and the peer's ClientHello came (in either order; a peer that sends nothing holds
 * no thread), and gives the keys to its {@link Outcome}.
 */
final class DtlsHandshake {
    private static final Logger LOG = Logger.getLogger(DtlsHandshake.class.getName());

    /** How the handshake ended; called once at most, on the handshake's thread or the receive thread. */
    interface Outcome {
        /** The handshake completed: SRTP keys for both directions. */
        void secured(SrtpTransformer srtp);

        /** The handshake failed; the transport should close for {@code reason}. */
        void failed(String reason);

        /**
         * The cap on handshakes in flight was reached. Called on ice4j's receive or ICE thread, so the transport
         * must not close now: freeing an ICE agent takes milliseconds every other peer would wait out.
         */
        void refused(String why);
    }

    private final String peerId;
    /** Until the handshake is done: then nothing of it is kept. */
    private volatile DtlsServer server;
    private final DtlsPacketQueue queue;
    private final DtlsHandshakes handshakes;
    private final MediaStats stats;
    private final Outcome outcome;
    private volatile boolean iceConnected;
    private volatile boolean clientHello;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    DtlsHandshake(String peerId, DtlsServer server, DtlsPacketQueue.Sender sender, DtlsHandshakes handshakes,
            MediaStats stats, Outcome outcome) {
        this.peerId = peerId;
        this.server = server;
        this.queue = new DtlsPacketQueue(sender);
        this.handshakes = handshakes;
        this.stats = stats;
        this.outcome = outcome;
    }

    /** A DTLS record from the peer, on ice4j's receive thread: queued; a ClientHello may start the handshake. */
    void offer(byte[] buf, int off, int len) {
        queue.offer(buf, off, len);
        if (!clientHello && DtlsRecords.isClientHello(buf, off, len)) {
            clientHello = true;
            start();
        }
    }

    /** ICE selected a pair to answer on. */
    void iceConnected() {
        iceConnected = true;
        start();
    }

    /** Ends a handshake in flight (it fails quietly) and drops what still comes. */
    void close() {
        closed = true;
        queue.close();
    }

    private void start() {
        if (!iceConnected || !clientHello || closed || !started.compareAndSet(false, true)) {
            return;
        }
        if (!handshakes.start(this::run)) {
            stats.refused(MediaStats.Limit.DTLS_HANDSHAKES);
            queue.close();
            outcome.refused(handshakes.maxInFlight() + " DTLS handshakes were in flight already");
        }
    }

    private void run() {
        DtlsServer dtls = server;
        if (closed || dtls == null) {
            return;
        }
        try {
            new DTLSServerProtocol().accept(dtls, handshakes.paced(queue));
            SrtpKeyingMaterial keys = dtls.keys().orElseThrow();
            SrtpTransformer srtp = SrtpTransformer.forServer(keys);
            // Nothing reads DTLS after this: records that still come are dropped, not queued.
            queue.close();
            server = null;
            stats.dtlsHandshakes.increment();
            LOG.fine(() -> "[peer " + peerId + "] DTLS done, SRTP profile " + keys.profile());
            outcome.secured(srtp);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                stats.dtlsFailures.increment();
                LOG.log(Level.INFO, "[peer " + peerId + "] DTLS handshake failed: " + e.getMessage());
                outcome.failed("DTLS handshake failed: " + e.getMessage());
            }
        }
    }
}
