package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class DtlsHandshakesTest {
    private final Queue<Runnable> pool = new ArrayDeque<>();
    private final DtlsHandshakes handshakes = new DtlsHandshakes(pool::add, 2);

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
    void aPoolThatRefusesCostsNoPlace() {
        DtlsHandshakes refusing = new DtlsHandshakes(task -> {
            throw new RejectedExecutionException("shut down");
        }, 1);
        assertFalse(refusing.start(() -> { }));
        assertEquals(0, refusing.inFlight());
    }
}
