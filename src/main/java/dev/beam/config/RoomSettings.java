package dev.beam.config;

import java.time.Duration;

/**
 * Room limits.
 *
 * @param maxViewers  viewers one room admits at once ({@code MAX_VIEWERS}, default 100)
 * @param idleTimeout how long a room stays after its last member left ({@code ROOM_IDLE_TIMEOUT}
 *                    in seconds, default 300)
 */
public record RoomSettings(int maxViewers, Duration idleTimeout) {
    public RoomSettings {
        if (maxViewers < 1) {
            throw new IllegalArgumentException("MAX_VIEWERS must be at least 1, got " + maxViewers);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("ROOM_IDLE_TIMEOUT must be positive, got " + idleTimeout);
        }
    }
}
