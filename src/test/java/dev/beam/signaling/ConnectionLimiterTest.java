package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void refusesPastThePerAddressLimitButAdmitsOtherAddresses() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 10);
        assertTrue(limiter.admit("10.0.0.1").admitted());
        assertTrue(limiter.admit("10.0.0.1").admitted());

        ConnectionLimiter.Admission third = limiter.admit("10.0.0.1");
        assertFalse(third.admitted());
        assertEquals(ConnectionLimiter.Refusal.PER_ADDRESS, third.refusal());
        assertEquals("connections-per-address", third.refusal().limit());
        assertTrue(limiter.admit("10.0.0.2").admitted());
        assertEquals(3, limiter.connections(), "a refusal holds no place");
    }

    @Test
    void refusesPastTheTotalLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(10, 2);
        limiter.admit("a");
        limiter.admit("b");

        ConnectionLimiter.Admission refused = limiter.admit("c");
        assertEquals(ConnectionLimiter.Refusal.TOTAL, refused.refusal());
        assertTrue(limiter.full());
        assertEquals(0, limiter.connections("c"));
    }

    @Test
    void aTicketGivesItsPlaceBackOnceHoweverOftenReleased() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 10);
        ConnectionLimiter.Ticket ticket = limiter.admit("a").ticket();
        ConnectionLimiter.Ticket other = limiter.admit("b").ticket();

        ticket.release();
        ticket.release();
        ticket.release();

        assertEquals(1, limiter.connections());
        assertEquals(0, limiter.connections("a"));
        assertEquals(1, limiter.addresses(), "no entry left for an address without connections");
        assertTrue(limiter.admit("a").admitted());
        other.release();
    }

    @Test
    void concurrentOpensAndClosesLeaveNothingCounted() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(5, 40);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String address = "10.0.0." + (t % 3);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        ConnectionLimiter.Admission admission = limiter.admit(address);
                        if (admission.admitted()) {
                            admission.ticket().release();
                            admission.ticket().release();
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, limiter.connections());
        assertEquals(0, limiter.addresses());
    }
}
