package dev.beam.testpeer;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Threads a lone {@link TestPeer} uses: one timer shared by all test peers, a thread per handshake. */
final class PeerThreads {
    /** ICE retransmissions and consent ticks take microseconds: one daemon thread serves every peer. */
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "testpeer-timer"));

    /** The blocking DTLS handshake of one peer, on a thread of its own. */
    static final Executor HANDSHAKE = r -> daemon(r, "testpeer-dtls").start();

    private PeerThreads() {
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
