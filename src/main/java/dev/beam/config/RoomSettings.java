package dev.beam.config;

import java.time.Duration;

/**
 * Room limits.
 *
 * @param maxViewers  viewers one room admits at once ({@code MAX_VIEWERS}, default 100)
 * @param idleTimeout how long a room stays after its last member left ({@code ROOM_IDLE_TIMEOUT}
 *                    in seconds, default 300), unless rooms are at their maximum
 * @param maxRooms    rooms that may exist at once ({@code MAX_ROOMS}, default 10000); at the
 *                    maximum, empty rooms are removed early to make room
 */
public record RoomSettings(int maxViewers, Duration idleTimeout, int maxRooms) {
    public static final int DEFAULT_MAX_ROOMS = 10_000;

    public RoomSettings {
        if (maxViewers < 1) {
            throw new IllegalArgumentException("MAX_VIEWERS must be at least 1, got " + maxViewers);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("ROOM_IDLE_TIMEOUT must be positive, got " + idleTimeout);
        }
        if (maxRooms < 1) {
            throw new IllegalArgumentException("MAX_ROOMS must be at least 1, got " + maxRooms);
        }
    }

    public RoomSettings(int maxViewers, Duration idleTimeout) {
        this(maxViewers, idleTimeout, DEFAULT_MAX_ROOMS);
    }
}
