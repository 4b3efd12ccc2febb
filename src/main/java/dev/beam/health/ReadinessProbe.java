package dev.beam.health;

/**
 * Something the server needs before it can take traffic. Every CDI bean implementing this takes
 * part in {@code /health/ready}; the media plane's UDP port is one.
 */
public interface ReadinessProbe {
    String name();

    boolean ready();
}
