package dev.beam.media.transport;

import dev.beam.media.receive.Packet;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * SRTP and SRTCP that come from the selected pair before the server has its keys: a peer may
 * send media as soon as the server's last DTLS flight reaches it (RFC 5764 §4.1), while the
 * server installs its keys only just after sending that flight. Up to {@value #MAX} such packets
 * are held and handed on in order once the keys are in, before any later packet; more are
 * dropped and counted, and those held when the transport closes first are released. Few are
 * needed (the gap lasts a round trip at most), and few keep a peer that stalls its handshake
 * from holding much of the shared packet pool: every pending session together holds at most
 * {@code MEDIA_MAX_PENDING_SESSIONS} times {@value #MAX} buffers.
 *
 * <p>Threads: offered on ice4j's receive thread, opened on the handshake's, closed on any. The
 * lock is taken only until the gate opens; after, {@link #isOpen} is one volatile read.
 */
final class EarlyMedia {
    static final int MAX = 16;

    private final ArrayDeque<Packet> held = new ArrayDeque<>();
    private final LongAdder drops;
    private volatile boolean open;
    private boolean closed;

    /** @param drops counts the packets dropped: over {@value #MAX}, or after the transport closed */
    EarlyMedia(LongAdder drops) {
        this.drops = drops;
    }

    /** Whether packets go straight on. */
    boolean isOpen() {
        return open;
    }

    /**
     * Takes the packet while the gate is shut: held, or dropped and released when full or closed.
     * False when the gate opened meanwhile: the caller hands it on itself.
     */
    synchronized boolean offer(Packet packet) {
        if (open) {
            return false;
        }
        if (closed || held.size() == MAX) {
            drops.increment();
            packet.release();
            return true;
        }
        held.add(packet);
        return true;
    }

    /** The keys are in: the held packets go to {@code next} in the order they came, then the gate opens. */
    synchronized void open(Consumer<Packet> next) {
        if (closed) {
            return;
        }
        for (Packet packet = held.poll(); packet != null; packet = held.poll()) {
            next.accept(packet);
        }
        open = true;
    }

    /** The transport closed: nothing is held any more. */
    synchronized void close() {
        closed = true;
        for (Packet packet = held.poll(); packet != null; packet = held.poll()) {
            packet.release();
        }
    }
}
