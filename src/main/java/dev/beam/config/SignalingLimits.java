package dev.beam.config;

import java.time.Duration;

/**
 * What one client, and all of them, may hold of the signaling plane.
 *
 * @param maxConnectionsPerAddress open WebSocket connections from one client address
 *                    ({@code SIGNALING_MAX_CONNECTIONS_PER_ADDRESS}, default 64); behind a reverse
 *                    proxy every client has the proxy's address
 * @param maxConnections open WebSocket connections in total ({@code SIGNALING_MAX_CONNECTIONS},
 *                    default 2000, well below the process's descriptor limit)
 * @param messagesPerSecond steady signaling messages per second per connection
 *                    ({@code SIGNALING_MESSAGES_PER_SECOND}, default 20)
 * @param messageBurst messages a connection may send at once above the steady rate
 *                    ({@code SIGNALING_MESSAGE_BURST}, default 40)
 * @param maxRefusedMessages a connection with more refused (rate-limited) messages than this
 *                    within {@link #REFUSAL_WINDOW} is closed ({@code SIGNALING_MAX_REFUSED_MESSAGES},
 *                    default 100)
 */
public record SignalingLimits(int maxConnectionsPerAddress, int maxConnections, int messagesPerSecond,
        int messageBurst, int maxRefusedMessages) {
    public static final Duration REFUSAL_WINDOW = Duration.ofSeconds(10);

    public SignalingLimits {
        positive("SIGNALING_MAX_CONNECTIONS_PER_ADDRESS", maxConnectionsPerAddress);
        positive("SIGNALING_MAX_CONNECTIONS", maxConnections);
        positive("SIGNALING_MESSAGES_PER_SECOND", messagesPerSecond);
        positive("SIGNALING_MESSAGE_BURST", messageBurst);
        positive("SIGNALING_MAX_REFUSED_MESSAGES", maxRefusedMessages);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }
}
