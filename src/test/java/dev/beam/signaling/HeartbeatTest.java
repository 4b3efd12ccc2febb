package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private final FakeClock clock = new FakeClock();
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private final Heartbeat heartbeat = new Heartbeat(clock, TIMEOUT);

    private static final class Browser implements Heartbeat.Connection {
        int pings;
        final List<String> closed = new ArrayList<>();

        @Override
        public void ping() {
            pings++;
        }

        @Override
        public void close(String reason) {
            closed.add(reason);
        }
    }

    @Test
    void aBrowserThatAnswersStaysConnected() {
        Browser browser = new Browser();
        heartbeat.opened(browser);
        for (int i = 0; i < 20; i++) {
            clock.elapse(INTERVAL);
            heartbeat.beat();
            heartbeat.alive(browser);
        }

        assertEquals(20, browser.pings);
        assertEquals(List.of(), browser.closed);
    }

    @Test
    void aSilentBrowserIsClosedOnceAfterTheTimeout() {
        Browser silent = new Browser();
        heartbeat.opened(silent);

        clock.elapse(TIMEOUT);
        heartbeat.beat();
        assertEquals(List.of(), silent.closed);
        clock.elapse(Duration.ofSeconds(1));
        heartbeat.beat();
        heartbeat.beat();

        assertEquals(List.of("no answer to pings for 45.0 s"), silent.closed);
        assertEquals(0, heartbeat.connections());
    }

    @Test
    void aClosedConnectionIsForgotten() {
        Browser browser = new Browser();
        heartbeat.opened(browser);
        heartbeat.closed(browser);

        clock.elapse(Duration.ofMinutes(5));
        heartbeat.beat();

        assertEquals(0, browser.pings);
        assertEquals(List.of(), browser.closed);
    }
}
