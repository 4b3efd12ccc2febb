package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * HTTPS with the development certificate the server made at its first start: the pages, the
 * signaling socket over wss://, and health and metrics, as a client that trusts that certificate
 * sees them; HSTS over HTTPS only.
 */
class HttpsIT {
    private static final String HSTS = "Strict-Transport-Security";

    private HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePagesAnswerOverHttpsWithHsts() throws Exception {
        HttpClient https = TestCertificate.httpClient();
        for (String page : new String[] {"/stream?room=tls", "/watch?room=tls", "/api/info", "/static/watch.js"}) {
            HttpResponse<String> response = get(https, TestServer.httpsUri().resolve(page));
            assertEquals(200, response.statusCode(), page);
            assertEquals("max-age=31536000", response.headers().firstValue(HSTS).orElse(null), page);
        }
        assertTrue(get(https, TestServer.httpsUri().resolve("/stream")).body().contains("Start Streaming"));
    }

    @Test
    void plainHttpCarriesNoHsts() throws Exception {
        HttpResponse<String> response = get(HttpClient.newHttpClient(), TestServer.uri().resolve("/watch"));
        assertEquals(200, response.statusCode());
        assertFalse(response.headers().firstValue(HSTS).isPresent(), "RFC 6797 §7.2: never over plain HTTP");
    }

    @Test
    void aClientThatDoesNotTrustTheDevelopmentCertificateIsRefused() {
        assertThrows(SSLHandshakeException.class,
                () -> get(HttpClient.newHttpClient(), TestServer.httpsUri().resolve("/watch")));
    }

    @Test
    void signalingWorksOverWss() throws Exception {
        String origin = "https://localhost:" + TestServer.httpsUri().getPort();
        try (SignalingClient viewer = SignalingClient.connect(TestCertificate.httpClient(), TestServer.httpsUri(),
                origin)) {
            JsonObject joined = viewer.request("join-room", "\"room\":\"tls-room\",\"role\":\"viewer\"");
            assertTrue(joined.containsKey("peerId"), joined.toString());
            assertFalse(joined.getBoolean("live"));
        }
    }

    @Test
    void healthAndMetricsAnswerOverHttpsOnTheManagementPort() throws Exception {
        HttpClient https = TestCertificate.httpClient();
        HttpResponse<String> health = get(https, TestServer.managementHttpsUri().resolve("/health/ready"));
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());
        HttpResponse<String> metrics = get(https, TestServer.managementHttpsUri().resolve("/metrics?scope=application"));
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("beam_"), "the application's metrics");
    }

    @Test
    void theLogSaysTheCertificateIsASelfSignedDevelopmentOne() throws Exception {
        assertTrue(Files.readString(TestServer.log()).contains("uses a self-signed certificate for development"),
                "a log line saying so");
    }
}
