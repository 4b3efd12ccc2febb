package dev.beam.config;

import java.time.Duration;

/**
 * What the media plane lets unconnected peers hold.
 *
 * @param connectTimeout     ICE and DTLS together must complete within this, else the session
 *                           is closed ({@code MEDIA_CONNECT_TIMEOUT_MS}, default 10000)
 * @param maxHandshakes      DTLS handshakes in flight at once, each on a virtual thread; a session
 *                           whose ClientHello finds them all taken is closed
 *                           ({@code MEDIA_MAX_DTLS_HANDSHAKES}, default 500, as many as may be pending)
 * @param maxPending         media sessions opened and not yet connected; more get
 *                           {@code server-busy} ({@code MEDIA_MAX_PENDING_SESSIONS}, default 500)
 * @param maxSourcesPerSession remote addresses ICE keeps state for per session, each admitted
 *                           only by an authenticated check ({@code MEDIA_MAX_ICE_SOURCES}, default 8)
 */
public record MediaLimits(Duration connectTimeout, int maxHandshakes, int maxPending, int maxSourcesPerSession) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_HANDSHAKES = 500;
    public static final int DEFAULT_MAX_PENDING = 500;
    public static final int DEFAULT_MAX_SOURCES = 8;

    public MediaLimits {
        if (connectTimeout.toMillis() < 500 || connectTimeout.toMillis() > 120_000) {
            throw new IllegalArgumentException("MEDIA_CONNECT_TIMEOUT_MS must be 500..120000, got "
                    + connectTimeout.toMillis());
        }
        if (maxHandshakes < 1 || maxHandshakes > 4096) {
            throw new IllegalArgumentException("MEDIA_MAX_DTLS_HANDSHAKES must be 1..4096, got " + maxHandshakes);
        }
        if (maxPending < 1 || maxPending > 100_000) {
            throw new IllegalArgumentException("MEDIA_MAX_PENDING_SESSIONS must be 1..100000, got " + maxPending);
        }
        if (maxSourcesPerSession < 1 || maxSourcesPerSession > 64) {
            throw new IllegalArgumentException("MEDIA_MAX_ICE_SOURCES must be 1..64, got " + maxSourcesPerSession);
        }
    }
}
