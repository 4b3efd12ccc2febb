package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A transport's receive path on ice4j's receive thread (or the media TCP selector): the source
 * check, the RFC 7983 demux and the hand-off, nothing more, so that no crypto and nothing that
 * blocks runs there. Before ICE chose a pair, only DTLS is taken (from an address ice4j admitted
 * with an authenticated check); after, only what comes from the pair's remote address or another
 * that passed a check ({@link SelectedPair#isPeer}), and what comes from any other is dropped
 * before any crypto.
 */
final class IncomingDatagrams {
    private static final Logger LOG = Logger.getLogger(IncomingDatagrams.class.getName());
    private final SelectedPair pair;
    private final DtlsHandshake dtls;
    private final EarlyMedia early;
    private final PacketPool pool;
    private final MediaStats stats;
    private final LongSupplier nanoTime;
    private final Consumer<Packet> next;
    private final BooleanSupplier closed;
    private final String peerId;
    /** Whether a datagram from another checked pair was logged: once per session, not per packet. */
    private boolean otherPairLogged;

    /**
     * @param next takes each RTP or RTCP packet, still encrypted, once the SRTP keys are in
     * @param closed whether the transport closed: media is no longer taken
     */
    IncomingDatagrams(String peerId, SelectedPair pair, DtlsHandshake dtls, EarlyMedia early, PacketPool pool,
            MediaStats stats, LongSupplier nanoTime, Consumer<Packet> next, BooleanSupplier closed) {
        this.peerId = peerId;
        this.pair = pair;
        this.dtls = dtls;
        this.early = early;
        this.pool = pool;
        this.stats = stats;
        this.nanoTime = nanoTime;
        this.next = next;
        this.closed = closed;
    }

    /** A datagram that is not STUN, from the agent carrying the media; the bytes are valid only during the call. */
    void receive(byte[] buf, int off, int len, InetSocketAddress from) {
        IceTransport.Route to = pair.route();
        if (to != null && !to.isFrom(from)) {
            if (!pair.isPeer(to, from)) {
                stats.sourceDrops.increment();
                return;
            }
            if (!otherPairLogged) {
                otherPairLogged = true;
                LOG.info(() -> "[peer " + peerId + "] sends from " + from + ", which passed an ICE check, not from "
                        + "the selected pair's " + to.remote() + ": taken (logged once)");
            }
        }
        switch (PacketClassifier.classify(buf, off, len)) {
            case DTLS -> dtls.offer(buf, off, len);
            case RTP, RTCP -> {
                if (to == null || closed.getAsBoolean()) {
                    return;
                }
                Packet packet = pool.take(buf, off, len, nanoTime.getAsLong());
                if (packet == null) {
                    stats.receiveDrops.increment();
                } else if (early.isOpen() || !early.offer(packet)) {
                    next.accept(packet);
                }
            }
            default -> stats.unknownPackets.increment();
        }
    }
}
