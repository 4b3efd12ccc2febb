package dev.beam.config;

/**
 * How many media sessions (broadcasts and viewings together) the server holds.
 *
 * @param perAddress open at once from one client address, the address its signaling connection came
 *                   from ({@code MEDIA_SESSIONS_PER_ADDRESS}, default 8)
 * @param total      open at once on the whole server ({@code MEDIA_SESSIONS_MAX}, default 1000)
 */
public record SessionLimitSettings(int perAddress, int total) {
    public static final int DEFAULT_PER_ADDRESS = 8;
    public static final int DEFAULT_TOTAL = 1000;

    public SessionLimitSettings {
        if (perAddress < 1) {
            throw new IllegalArgumentException("MEDIA_SESSIONS_PER_ADDRESS must be at least 1, got " + perAddress);
        }
        if (total < 1) {
            throw new IllegalArgumentException("MEDIA_SESSIONS_MAX must be at least 1, got " + total);
        }
    }
}
