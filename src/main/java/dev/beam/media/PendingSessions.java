package dev.beam.media;

import dev.beam.media.receive.Packet;
import dev.beam.media.transport.WebRtcTransport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions opened but not yet connected (ICE and DTLS), at most {@code max} at once. Each holds
 * ice4j state and a place in the handshake queue until it connects or its connect deadline
 * closes it, so their number is what a flood of offers could grow without bound.
 */
final class PendingSessions {
    private final AtomicInteger pending = new AtomicInteger();
    private final int max;
    private final MediaStats stats;

    PendingSessions(int max, MediaStats stats) {
        if (max < 1) {
            throw new IllegalArgumentException("pending sessions must be at least 1: " + max);
        }
        this.max = max;
        this.stats = stats;
    }

    /** A place for one more pending session, or a refusal (counted) when all are taken. */
    Slot take() throws MediaLimitException {
        if (pending.incrementAndGet() > max) {
            pending.decrementAndGet();
            stats.refused(MediaStats.Limit.PENDING_SESSIONS);
            throw new MediaLimitException(MediaStats.Limit.PENDING_SESSIONS,
                    "the server has " + max + " media sessions connecting already; try again shortly");
        }
        return new Slot();
    }

    int count() {
        return pending.get();
    }

    /** One pending session's place: given back once, when it connects or closes. */
    final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                pending.decrementAndGet();
            }
        }

        /** The transport's handler, giving the place back on its first connect or close. */
        WebRtcTransport.Handler releasing(WebRtcTransport.Handler handler) {
            return new WebRtcTransport.Handler() {
                @Override
                public void onConnected() {
                    release();
                    handler.onConnected();
                }

                @Override
                public void onPacket(Packet packet) {
                    handler.onPacket(packet);
                }

                @Override
                public void onClosed(String reason) {
                    release();
                    handler.onClosed(reason);
                }
            };
        }
    }
}
