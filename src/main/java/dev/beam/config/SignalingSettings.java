package dev.beam.config;

import java.time.Duration;
import java.util.List;

/**
 * Who may open the signaling WebSocket, how connections whose browser vanished are found, and
 * how long a dropped connection's session waits to be resumed.
 *
 * @param allowedOrigins origins allowed besides the page's own ({@code CORS_ORIGIN}, a comma
 *                       separated list; {@code *} allows every origin; default: same origin only)
 * @param pingInterval   how often every connection is pinged ({@code SIGNALING_PING_INTERVAL_MS},
 *                       default 15000)
 * @param pingTimeout    a connection that answered nothing for this long is closed
 *                       ({@code SIGNALING_PING_TIMEOUT_MS}, default 45000)
 * @param sessionGrace   how long a session whose connection dropped stays in its room, its media
 *                       flowing, for a new connection to resume it ({@code SESSION_GRACE_MS},
 *                       default 20000; 0 ends sessions with their connection)
 */
public record SignalingSettings(List<String> allowedOrigins, Duration pingInterval, Duration pingTimeout,
        Duration sessionGrace) {
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(45);
    public static final Duration DEFAULT_SESSION_GRACE = Duration.ofSeconds(20);

    public SignalingSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (pingInterval.toMillis() < 100 || pingTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("SIGNALING_PING_INTERVAL_MS must be at least 100 and below"
                    + " SIGNALING_PING_TIMEOUT_MS, got " + pingInterval.toMillis() + " and " + pingTimeout.toMillis());
        }
        if (sessionGrace.isNegative()) {
            throw new IllegalArgumentException("SESSION_GRACE_MS must be 0 or more, got " + sessionGrace.toMillis());
        }
    }

    public boolean allowsAnyOrigin() {
        return allowedOrigins.contains("*");
    }
}
