package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;
import org.junit.jupiter.api.Test;

class DtlsHandshakesTest {
    private final Queue<Runnable> pool = new ArrayDeque<>();
    private final DtlsHandshakes handshakes = new DtlsHandshakes(pool::add, 2, 1);

    @Test
    void runsAtMostTheCapAtOnce() {
        assertTrue(handshakes.start(() -> { }));
        assertTrue(handshakes.start(() -> { }));
        assertFalse(handshakes.start(() -> { }), "the third while two are in flight");
        assertEquals(2, handshakes.inFlight());
        pool.poll().run();
        assertEquals(1, handshakes.inFlight());
        assertTrue(handshakes.start(() -> { }), "a place came free");
    }

    @Test
    void aFailingHandshakeGivesItsPlaceBack() {
        handshakes.start(() -> {
            throw new IllegalStateException("boom");
        });
        assertThrows(IllegalStateException.class, () -> pool.poll().run());
        assertEquals(0, handshakes.inFlight());
    }

    @Test
    void aHandshakeWaitingForItsPeerLetsAnotherCompute() throws Exception {
        DtlsHandshakes paced = new DtlsHandshakes(task -> new Thread(task).start(), 4, 1);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch peerAnswers = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        DatagramTransport waitingPeer = paced.paced(new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return 1150;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                waiting.countDown();
                try {
                    peerAnswers.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return 1;
            }

            @Override
            public void send(byte[] buf, int off, int len) {
            }

            @Override
            public void close() {
            }
        });
        assertTrue(paced.start(() -> {
            try {
                waitingPeer.receive(new byte[1], 0, 1, 1000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        assertTrue(paced.start(otherDone::countDown));
        assertTrue(otherDone.await(10, TimeUnit.SECONDS), "the one slot was free while the first waited");
        peerAnswers.countDown();
    }

    @Test
    void aPoolThatRefusesCostsNoPlace() {
        DtlsHandshakes refusing = new DtlsHandshakes(task -> {
            throw new RejectedExecutionException("shut down");
        }, 1, 1);
        assertFalse(refusing.start(() -> { }));
        assertEquals(0, refusing.inFlight());
    }
}
