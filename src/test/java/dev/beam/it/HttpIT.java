package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The page contract, the info API, health and metrics, as a client sees them over HTTP. */
class HttpIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(TestServer.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** On the management port, where /health and /metrics answer. */
    private HttpResponse<String> manage(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(TestServer.managementUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootRedirectsToTheBroadcasterPage() throws Exception {
        HttpResponse<String> response = get("/");

        assertEquals(302, response.statusCode());
        assertEquals("/stream", URI.create(response.headers().firstValue("Location").orElseThrow()).getPath());
    }

    @Test
    void theBroadcasterPageHasItsButton() throws Exception {
        HttpResponse<String> response = get("/stream?room=studio");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(response.body().contains("Start Streaming"), "the button's text");
        assertTrue(response.body().contains("id=\"start-button\""));
    }

    @Test
    void theViewerPageHasItsVideoAndEmptyState() throws Exception {
        HttpResponse<String> response = get("/watch");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<video"));
        assertTrue(response.body().contains("No stream available"));
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        for (String page : new String[] {"/stream", "/watch", "/api/info"}) {
            HttpResponse<String> response = get(page);
            String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("frame-ancestors 'none'"), page + ": " + csp);
            assertTrue(csp.contains("default-src 'self'"), page + ": " + csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow(), page);
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElseThrow(), page);
        }
    }

    @Test
    void theInfoApiListsRoomsWithTheirState() throws Exception {
        try (SignalingClient viewer = SignalingClient.connect(TestServer.uri())) {
            viewer.request("join-room", "\"room\":\"info-it\",\"role\":\"viewer\"");

            HttpResponse<String> response = get("/api/info?room=info-it");

            assertEquals(200, response.statusCode());
            JsonObject info = Json.createReader(new StringReader(response.body())).readObject();
            assertEquals("Beam", info.getString("name"));
            assertTrue(info.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), info.toString());
            JsonObject room = info.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getString("name").equals("info-it")).findFirst().orElseThrow();
            assertEquals(false, room.getBoolean("live"));
            assertEquals(1, room.getInt("viewers"));
        }
    }

    @Test
    void healthIsUpAndReadinessReportsTheMediaPort() throws Exception {
        for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
            HttpResponse<String> response = manage(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("UP", Json.createReader(new StringReader(response.body())).readObject().getString("status"), path);
        }
        assertTrue(manage("/health/ready").body().contains("\"media-udp-port\":true"), manage("/health/ready").body());
        assertTrue(manage("/health/ready").body().contains("\"signaling\":true"), manage("/health/ready").body());
        assertTrue(manage("/health/ready").body().contains("\"signaling-endpoint\":true"), manage("/health/ready").body());
    }

    @Test
    void metricsShowTheApplicationsFigures() throws Exception {
        try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
            client.request("join-room", "\"room\":\"metrics-it\",\"role\":\"viewer\"");
            client.request("leave-room", "");
            client.send("{\"type\":\"teleport\"}");
            client.next("error");

            HttpResponse<String> response = manage("/metrics?scope=application");

            assertEquals(200, response.statusCode());
            String body = response.body();
            for (String metric : new String[] {"beam_rooms", "beam_live_broadcasts", "beam_viewers",
                    "beam_signaling_messages_total{mp_scope=\"application\",type=\"join-room\"",
                    "beam_signaling_errors_total{code=\"unknown-type\"", "beam_media_packets_in{kind=\"video\"",
                    "beam_media_bytes_out{kind=\"audio\"", "beam_media_srtp_failures", "beam_media_keyframe_requests",
                    "beam_media_dtls_handshakes{mp_scope=\"application\",result=\"failed\"", "beam_media_ice_connections",
                    "beam_media_drops{mp_scope=\"application\",reason=\"stale\"", "beam_media_consent_expiries",
                    "beam_media_consent_checks", "beam_media_sessions"}) {
                assertTrue(body.contains(metric), metric + " missing from:\n" + body);
            }
        }
    }
}
