package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server with {@code HTTPS_REDIRECT=true}: plain HTTP requests get 308 to the same URL over
 * HTTPS, which answers with HSTS.
 */
class HttpsRedirectIT {
    private static SecondServer server;
    private static int httpsPort;

    @BeforeAll
    static void start() throws Exception {
        httpsPort = SecondServer.freeTcpPort();
        server = SecondServer.start("beamRedirect", Map.of("HTTPS_PORT", Integer.toString(httpsPort),
                "HTTPS_REDIRECT", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void plainHttpIsSentToTheSameUrlOverHttps() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> page = plain.send(HttpRequest.newBuilder(server.uri().resolve("/watch?room=main")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, page.statusCode());
        String location = page.headers().firstValue("Location").orElseThrow();
        assertEquals("https://localhost:" + httpsPort + "/watch?room=main", location);

        HttpResponse<String> whip = plain.send(HttpRequest.newBuilder(server.uri().resolve("/whip/main"))
                .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString("v=0")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, whip.statusCode(), "308 keeps a WHIP POST a POST");
        assertEquals("https://localhost:" + httpsPort + "/whip/main", whip.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> secure = TestCertificate.httpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secure.statusCode());
        assertTrue(secure.headers().firstValue("Strict-Transport-Security").isPresent());
    }
}
