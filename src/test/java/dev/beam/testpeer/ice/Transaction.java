package dev.beam.testpeer.ice;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * One outgoing Binding request and its retransmission schedule. The first retransmission comes
 * after 50 ms, the next ones every 100 ms: loopback answers in well under a millisecond, so a
 * missing answer means a lost packet or a busy server, and RFC 8489 §6.2.1's 500 ms doubling
 * would only slow a test down.
 */
final class Transaction {
    static final long FIRST_RETRANSMIT_NANOS = 50_000_000L;
    static final long RETRANSMIT_NANOS = 100_000_000L;

    final InetSocketAddress target;
    final byte[] id;
    final byte[] request;
    private long nextSendNanos;
    private int sends;

    Transaction(InetSocketAddress target, byte[] id, byte[] request) {
        this.target = target;
        this.id = id.clone();
        this.request = request;
    }

    /** Records a send at {@code now}, first or again. */
    void sent(long now) {
        nextSendNanos = now + (sends++ == 0 ? FIRST_RETRANSMIT_NANOS : RETRANSMIT_NANOS);
    }

    boolean due(long now) {
        return now - nextSendNanos >= 0;
    }

    int sends() {
        return sends;
    }

    boolean hasId(byte[] other) {
        return Arrays.equals(id, other);
    }
}
