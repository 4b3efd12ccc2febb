package dev.beam.media.receive;

import dev.beam.media.pipeline.Queued;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One packet from a peer in a pooled buffer, with what the receive path learned about it. It has
 * one owner at a time; the fan-out shares it read-only among its shards by reference count, and
 * the last {@link #release} gives the buffer back to its pool.
 */
public final class Packet implements Queued {
    /** Room for a packet of a 1500-byte MTU, a larger header after rewriting, and SRTP's tag. */
    public static final int CAPACITY = 1600;

    public final byte[] buf = new byte[CAPACITY];
    /** Bytes of the packet from offset 0: SRTP as received, plain RTP once decrypted. */
    public int length;
    private long receivedNanos;
    /** The stream it belongs to, once the demux found it. */
    private ReceiveStream stream;
    /** The stream's numbering epoch at this packet (see {@link ReceiveStream#epoch}). */
    private int epoch;
    private boolean keyframeStart;
    /** Rebuilt from an RTX packet (RFC 4588 §4): a repair, not new media. */
    private boolean retransmission;
    private final AtomicInteger references = new AtomicInteger();
    private final PacketPool pool;

    Packet(PacketPool pool) {
        this.pool = pool;
    }

    /** Copies a received datagram in and stamps its arrival. */
    public Packet fill(byte[] src, int off, int len, long nowNanos) {
        System.arraycopy(src, off, buf, 0, len);
        length = len;
        receivedNanos = nowNanos;
        stream = null;
        epoch = 0;
        keyframeStart = false;
        retransmission = false;
        references.set(1);
        return this;
    }

    @Override
    public long receivedNanos() {
        return receivedNanos;
    }

    public ReceiveStream stream() {
        return stream;
    }

    void attach(ReceiveStream stream) {
        this.stream = stream;
    }

    void epoch(int epoch) {
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }

    /** The first packet of a keyframe: where a decoder can start. */
    public boolean isKeyframeStart() {
        return keyframeStart;
    }

    void markKeyframeStart() {
        keyframeStart = true;
    }

    /** Whether it was rebuilt from the broadcaster's RTX stream. */
    public boolean isRetransmission() {
        return retransmission;
    }

    void markRetransmission() {
        retransmission = true;
    }

    /** Adds holders: each must {@link #release} once. */
    public void retain(int holders) {
        references.addAndGet(holders);
    }

    @Override
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            pool.giveBack(this);
        } else if (left < 0) {
            throw new IllegalStateException("packet released more often than held");
        }
    }
}
