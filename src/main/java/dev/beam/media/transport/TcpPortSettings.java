package dev.beam.media.transport;

import java.time.Duration;

/**
 * The media TCP port (ICE over TCP, {@link MediaTcpPort}): where it listens and what it lets
 * clients hold.
 *
 * @param port       the TCP port, 0 for none: no TCP candidates ({@code MEDIA_TCP_PORT})
 * @param perAddress connections one source address may hold ({@code MEDIA_TCP_CONNECTIONS_PER_ADDRESS})
 * @param total      connections in all ({@code MEDIA_TCP_CONNECTIONS_MAX})
 * @param handshakeTimeout how long a connection may take to send a valid check before it is
 *                   closed ({@code MEDIA_TCP_HANDSHAKE_TIMEOUT_MS})
 */
public record TcpPortSettings(int port, int perAddress, int total, Duration handshakeTimeout) {
    public static final int DEFAULT_PER_ADDRESS = 16;
    public static final int DEFAULT_TOTAL = 1000;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public TcpPortSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MEDIA_TCP_PORT must be 0 (off) or 1..65535, got " + port);
        }
        if (perAddress < 1 || total < perAddress) {
            throw new IllegalArgumentException("MEDIA_TCP_CONNECTIONS_PER_ADDRESS must be at least 1 and"
                    + " MEDIA_TCP_CONNECTIONS_MAX at least it, got " + perAddress + " and " + total);
        }
        if (handshakeTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("MEDIA_TCP_HANDSHAKE_TIMEOUT_MS must be positive, got "
                    + handshakeTimeout.toMillis());
        }
    }

    public boolean enabled() {
        return port > 0;
    }
}
