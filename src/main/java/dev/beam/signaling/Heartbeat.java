package dev.beam.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds signaling connections whose browser vanished without closing TCP: every connection is
 * pinged each interval (by default 15 s), browsers answer pings by themselves, and one that has
 * not answered for the timeout (by default 45 s) is closed, which takes it out of its room.
 */
final class Heartbeat {

    /** What the heartbeat needs of a connection. */
    interface Connection {
        void ping();

        void close(String reason);
    }

    private final Clock clock;
    private final Duration timeout;
    private final Map<Connection, Instant> lastSeen = new ConcurrentHashMap<>();

    Heartbeat(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    void opened(Connection connection) {
        lastSeen.put(connection, clock.instant());
    }

    /** A pong or any message: the browser is there. */
    void alive(Connection connection) {
        lastSeen.replace(connection, clock.instant());
    }

    void closed(Connection connection) {
        lastSeen.remove(connection);
    }

    int connections() {
        return lastSeen.size();
    }

    /** Runs every interval: closes the silent, pings the rest. */
    void beat() {
        Instant cutoff = clock.instant().minus(timeout);
        lastSeen.forEach((connection, seen) -> {
            if (seen.isBefore(cutoff)) {
                lastSeen.remove(connection);
                connection.close("no answer to pings for " + timeout.toMillis() / 1000.0 + " s");
            } else {
                connection.ping();
            }
        });
    }
}
