package dev.beam.media.forward;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A bounded queue of packets with their own pool of buffers: taking a buffer, queuing it and
 * giving it back allocate nothing once the pool is warm. When the queue is full the packet is
 * refused, as a network would drop it, rather than letting a backlog grow.
 */
final class PacketQueue {
    /** An RTP packet's bytes and length; owned by whoever took it from the pool until released. */
    static final class Packet {
        final byte[] buf;
        int len;

        Packet(int capacity) {
            buf = new byte[capacity];
        }
    }

    private final ArrayBlockingQueue<Packet> queued;
    private final ArrayBlockingQueue<Packet> free;

    PacketQueue(int capacity, int packetSize) {
        queued = new ArrayBlockingQueue<>(capacity);
        free = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < capacity; i++) {
            free.add(new Packet(packetSize));
        }
    }

    /** Copies the packet in; false when the queue is full or the packet too large. */
    boolean offer(byte[] buf, int off, int len) {
        Packet packet = free.poll();
        if (packet == null) {
            return false;
        }
        if (len > packet.buf.length) {
            free.offer(packet);
            return false;
        }
        System.arraycopy(buf, off, packet.buf, 0, len);
        packet.len = len;
        queued.offer(packet);
        return true;
    }

    Packet poll() {
        return queued.poll();
    }

    boolean isEmpty() {
        return queued.isEmpty();
    }

    void release(Packet packet) {
        free.offer(packet);
    }
}
