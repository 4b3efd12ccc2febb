package dev.beam.media.transport;

import java.util.Arrays;
import org.jitsi.srtp.BaseSrtpCryptoContext;

/**
 * SSRC to crypto context with a linear scan: a peer has a handful of SSRCs, so this beats hashing and,
 * unlike a HashMap keyed by Integer, does not box on lookup. Used under its direction's lock.
 */
final class SsrcTable {
    private final int max;
    private int[] ssrcs = new int[4];
    private BaseSrtpCryptoContext[] contexts = new BaseSrtpCryptoContext[4];
    private int size;

    SsrcTable(int max) {
        this.max = max;
    }

    BaseSrtpCryptoContext get(int ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                return contexts[i];
            }
        }
        return null;
    }

    boolean full() {
        return size >= max;
    }

    void put(int ssrc, BaseSrtpCryptoContext ctx) {
        if (size == ssrcs.length) {
            ssrcs = Arrays.copyOf(ssrcs, size * 2);
            contexts = Arrays.copyOf(contexts, size * 2);
        }
        ssrcs[size] = ssrc;
        contexts[size++] = ctx;
    }
}
