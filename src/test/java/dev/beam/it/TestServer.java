package dev.beam.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** The Liberty server the build started for the integration tests. */
public final class TestServer {
    private TestServer() {
    }

    public static URI uri() {
        return URI.create("http://localhost:" + System.getProperty("beam.http.port", "9080"));
    }

    /** The port the server also answers for when a Host header names it (PUBLIC_PORT), or 0 when not set. */
    public static int publicPort() {
        return (int) number("PUBLIC_PORT", 0);
    }

    /** The application over HTTPS (HTTPS_PORT). */
    public static URI httpsUri() {
        return URI.create("https://localhost:" + number("HTTPS_PORT", 9443));
    }

    /** /health and /metrics over HTTPS (MANAGEMENT_HTTPS_PORT, which bin/test sets). */
    public static URI managementHttpsUri() {
        return URI.create("https://localhost:" + number("MANAGEMENT_HTTPS_PORT", 9444));
    }

    /** The keystore Liberty made its development certificate in, at first start. */
    public static Path developmentKeystore() {
        return Path.of("target", "liberty", "wlp", "usr", "servers", "beamServer", "resources", "security", "key.p12");
    }

    /** The server's log. */
    public static Path log() {
        return Path.of("target", "liberty", "wlp", "usr", "servers", "beamServer", "logs", "messages.log");
    }

    /** Where /health and /metrics answer: the management port, not the application's. */
    public static URI managementUri() {
        return URI.create("http://localhost:" + System.getProperty("beam.management.port", "9081"));
    }

    /** The consent check interval the server runs with (bin/test makes it short; else RFC 7675's). */
    public static Duration consentInterval() {
        return millis("MEDIA_CONSENT_INTERVAL_MS", 5000);
    }

    public static Duration consentTimeout() {
        return millis("MEDIA_CONSENT_TIMEOUT_MS", 30000);
    }

    /** How long ICE and DTLS together may take (bin/test makes it 6 s). */
    public static Duration connectTimeout() {
        return millis("MEDIA_CONNECT_TIMEOUT_MS", 10000);
    }

    /** How long a dropped connection's session waits to be resumed (bin/test makes it 4 s). */
    public static Duration sessionGrace() {
        return millis("SESSION_GRACE_MS", 20000);
    }

    public static int maxHandshakes() {
        return (int) number("MEDIA_MAX_DTLS_HANDSHAKES", 64);
    }

    public static int maxPendingSessions() {
        return (int) number("MEDIA_MAX_PENDING_SESSIONS", 500);
    }

    public static Duration pingInterval() {
        return millis("SIGNALING_PING_INTERVAL_MS", 15000);
    }

    public static Duration pingTimeout() {
        return millis("SIGNALING_PING_TIMEOUT_MS", 45000);
    }

    /** The operators' secret the server runs with (bin/test sets one), or null. */
    public static String operatorSecret() {
        String value = System.getenv("OPERATOR_SECRET");
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The HS256 secret of access tokens the server runs with (bin/test sets one), or null. */
    public static String tokenSecret() {
        String value = System.getenv("TOKEN_SECRET");
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A setting the server runs with, as bin/test exports it, else its default. */
    public static String text(String key, String fallback) {
        String value = System.getenv(key);
        return value == null ? fallback : value.strip();
    }

    /** Media sessions the server admits from one client address (bin/test sets a small number). */
    public static int sessionsPerAddress() {
        return (int) number("MEDIA_SESSIONS_PER_ADDRESS", 8);
    }

    public static int sessionsMax() {
        return (int) number("MEDIA_SESSIONS_MAX", 1000);
    }

    /** An integer setting the server runs with, as bin/test exports it, else its default. */
    public static int setting(String key, int fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** The server inherits its settings from the environment the build runs in, as this JVM does. */
    private static Duration millis(String key, long fallback) {
        return Duration.ofMillis(number(key, fallback));
    }

    private static long number(String key, long fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
    }

    /** Whether /api/info, asked as an operator, lists the peer among the room's viewers with a media session. */
    public static boolean listedAsViewer(String room, String peerId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                uri().resolve("/api/info?room=" + URLEncoder.encode(room, StandardCharsets.UTF_8)));
        if (operatorSecret() != null) {
            request.header("Authorization", "Bearer " + operatorSecret());
        }
        String body = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.contains("\"peerId\":\"" + peerId + "\"");
    }
}