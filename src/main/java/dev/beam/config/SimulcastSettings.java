package dev.beam.config;

import java.time.Duration;

/**
 * How a broadcaster is asked for simulcast layers.
 *
 * @param pauseAfter how long no viewer must need a layer before the broadcaster's page is told it
 *                   may stop sending it ({@code SIMULCAST_PAUSE_AFTER_MS}, default 5000)
 */
public record SimulcastSettings(Duration pauseAfter) {
    public static final Duration DEFAULT_PAUSE_AFTER = Duration.ofSeconds(5);

    public SimulcastSettings {
        if (pauseAfter.isNegative()) {
            throw new IllegalArgumentException("SIMULCAST_PAUSE_AFTER_MS must be 0 or more, got " + pauseAfter.toMillis());
        }
    }
}
