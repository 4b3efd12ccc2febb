package dev.beam.it;

import java.net.URI;
import java.time.Duration;

/** The Liberty server the build started for the integration tests. */
public final class TestServer {
    private TestServer() {
    }

    public static URI uri() {
        return URI.create("http://localhost:" + System.getProperty("beam.http.port", "9080"));
    }

    /** The consent check interval the server runs with (bin/test makes it short; else RFC 7675's). */
    public static Duration consentInterval() {
        return millis("MEDIA_CONSENT_INTERVAL_MS", 5000);
    }

    public static Duration consentTimeout() {
        return millis("MEDIA_CONSENT_TIMEOUT_MS", 30000);
    }

    public static Duration pingInterval() {
        return millis("SIGNALING_PING_INTERVAL_MS", 15000);
    }

    public static Duration pingTimeout() {
        return millis("SIGNALING_PING_TIMEOUT_MS", 45000);
    }

    /** An integer setting the server runs with, as bin/test exports it, else its default. */
    public static int setting(String key, int fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** The server inherits its settings from the environment the build runs in, as this JVM does. */
    private static Duration millis(String key, long fallback) {
        String value = System.getenv(key);
        return Duration.ofMillis(value == null || value.isBlank() ? fallback : Long.parseLong(value.strip()));
    }
}
