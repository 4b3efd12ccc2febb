package dev.beam.media.receive;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers packets travel in, made as needed up to a bound and then reused, so that the
 * media path allocates nothing per packet once warm. When all are in use the next packet is
 * refused, as a full network card ring would drop it, rather than memory growing without bound.
 */
public final class PacketPool {
    private final ArrayBlockingQueue<Packet> free;
    private final int max;
    private final AtomicInteger created = new AtomicInteger();

    public PacketPool(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("pool size " + max);
        }
        this.max = max;
        this.free = new ArrayBlockingQueue<>(max);
    }

    /** A packet holding a copy of the datagram, or null when every buffer is in use or it does not fit. */
    public Packet take(byte[] src, int off, int len, long nowNanos) {
        if (len > Packet.CAPACITY) {
            return null;
        }
        Packet packet = free.poll();
        if (packet == null) {
            if (created.incrementAndGet() > max) {
                created.decrementAndGet();
                return null;
            }
            packet = new Packet(this);
        }
        return packet.fill(src, off, len, nowNanos);
    }

    /** Buffers made so far. */
    public int created() {
        return created.get();
    }

    void giveBack(Packet packet) {
        free.offer(packet);
    }
}
