package dev.beam.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTPS as Liberty serves it (server.xml reads the same variables) and as the application adds to
 * it: the header that keeps browsers on HTTPS, and the redirect from plain HTTP.
 *
 * @param port          {@code HTTPS_PORT}: where pages, {@code /ws} (wss://), WHIP and WHEP answer
 *                      over TLS, -1 for none (default 9443)
 * @param publicPort    {@code HTTPS_PUBLIC_PORT}: the port browsers reach HTTPS at, where a port
 *                      mapping or a load balancer moves it (default: {@code port}); redirects name it
 * @param redirect      {@code HTTPS_REDIRECT}: plain HTTP requests get a 308 to the same URL over
 *                      HTTPS (default false)
 * @param hstsMaxAge    {@code HSTS_MAX_AGE}: the {@code Strict-Transport-Security} max-age sent with
 *                      every HTTPS response, in seconds; 0 sends none (default one year)
 * @param keystore      {@code HTTPS_KEYSTORE}: the PKCS#12 file holding the certificate and its key
 * @param keystorePassword {@code HTTPS_KEYSTORE_PASSWORD}
 */
public record HttpsSettings(int port, int publicPort, boolean redirect, Duration hstsMaxAge, Optional<Path> keystore,
        String keystorePassword) {
    public static final int OFF = -1;
    public static final int DEFAULT_PORT = 9443;
    public static final Duration DEFAULT_HSTS_MAX_AGE = Duration.ofDays(365);

    public HttpsSettings {
        if (port != OFF && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("HTTPS_PORT must be a port number or -1 (off), got " + port);
        }
        if (publicPort < 1 || publicPort > 65535) {
            throw new IllegalArgumentException("HTTPS_PUBLIC_PORT must be a port number, got " + publicPort);
        }
        if (redirect && port == OFF) {
            throw new IllegalArgumentException("HTTPS_REDIRECT needs HTTPS: HTTPS_PORT is -1");
        }
        if (hstsMaxAge.isNegative()) {
            throw new IllegalArgumentException("HSTS_MAX_AGE must be 0 or more seconds, got " + hstsMaxAge.toSeconds());
        }
    }

    public boolean enabled() {
        return port != OFF;
    }
}
