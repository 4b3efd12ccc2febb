package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import dev.beam.tokens.TokenMint;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token enforcement on /ws against the started Liberty, whose jwtConsumer verifies the tokens that
 * pass Beam's own checks (a bad HS256 signature is refused before Liberty, which would log it).
 * bin/test runs the server with TOKEN_SECRET, BROADCAST_TOKEN_ROOMS=secure-* and
 * WATCH_TOKEN_ROOMS=secure-view-*, so that every other test, in rooms of other names, broadcasts
 * and watches without tokens.
 */
class AccessTokenIT {
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    /** Broadcasting needs a token here; watching does not. */
    private final String secure = "secure-" + id;
    /** Broadcasting and watching need a token here. */
    private final String secureView = "secure-view-" + id;
    private final List<String> tokensSent = new ArrayList<>();
    private String secret;

    @BeforeEach
    void serverAsksForTokens() {
        secret = TestServer.tokenSecret();
        assumeTrue(secret != null, "the server runs without TOKEN_SECRET (bin/test sets one)");
        assumeTrue(TestServer.text("BROADCAST_TOKEN_ROOMS", "*").equals("secure-*")
                && TestServer.text("WATCH_TOKEN_ROOMS", "").equals("secure-view-*"),
                "the server runs with other token rooms than bin/test's");
    }

    @Test
    void aBroadcasterNeedsAGoodTokenForItsRoomAndTheConnectionStaysOpen() throws Exception {
        try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
            assertRefused(client.request("join-room", join(secure, "broadcaster", null)), "unauthorized");

            assertRefused(client.request("join-room", join(secure, "broadcaster",
                    token("secure-other", "broadcaster", Duration.ofMinutes(5)))), "forbidden");
            assertRefused(client.request("join-room", join(secure, "broadcaster",
                    token(secure, "viewer", Duration.ofMinutes(5)))), "forbidden");

            JsonObject joined = client.request("join-room", join(secure, "broadcaster",
                    token("secure-*", "broadcaster", Duration.ofMinutes(5))));
            assertEquals("room-joined", joined.getString("type"));
            assertEquals("broadcaster", joined.getString("role"));
        }
    }

    @Test
    void invalidTokensAreUnauthorized() throws Exception {
        String claims = claims(secure, "broadcaster", Instant.now().plusSeconds(300), "beam");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        List<String> invalid = List.of(
                TokenMint.hs256(secret, claims(secure, "broadcaster", Instant.now().minusSeconds(60), "beam")),
                TokenMint.hs256("another-secret-of-at-least-32-characters", claims),
                TokenMint.part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + TokenMint.part(claims) + ".",
                TokenMint.signed("ES256", ec.generateKeyPair().getPrivate(), claims),
                TokenMint.hs256(secret, claims(secure, "broadcaster", Instant.now().plusSeconds(300), "someone-else")),
                tampered(TokenMint.hs256(secret, claims("secure-other", "broadcaster", Instant.now().plusSeconds(300),
                        "beam")), claims),
                "not.a-token",
                "");
        try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
            for (String token : invalid) {
                tokensSent.add(token);
                assertRefused(client.request("join-room", join(secure, "broadcaster", token)), "unauthorized");
            }
            assertEquals("room-joined", client.request("join-room", join(secure, "broadcaster",
                    token(secure, "broadcaster", Duration.ofMinutes(5)))).getString("type"));
        }
        assertNeverLogged();
    }

    @Test
    void aViewerNeedsNoTokenInAnOpenRoomAndOneWhereTheRoomAsksForIt() throws Exception {
        try (SignalingClient open = SignalingClient.connect(TestServer.uri());
             SignalingClient viewer = SignalingClient.connect(TestServer.uri());
             SignalingClient broadcastersToken = SignalingClient.connect(TestServer.uri())) {
            assertEquals("room-joined", open.request("join-room", join(secure, "viewer", null)).getString("type"));

            assertRefused(viewer.request("join-room", join(secureView, "viewer", null)), "unauthorized");
            assertRefused(viewer.request("join-room", join(secureView, "viewer",
                    token(secure, "viewer", Duration.ofMinutes(5)))), "forbidden");
            assertEquals("room-joined", viewer.request("join-room", join(secureView, "viewer",
                    token(secureView, "viewer", Duration.ofMinutes(5)))).getString("type"));
            assertEquals("room-joined", broadcastersToken.request("join-room", join(secureView, "viewer",
                    token(secureView, "broadcaster", Duration.ofMinutes(5)))).getString("type"));
        }
    }

    @Test
    void roomsOutsideThePatternsStayOpen() throws Exception {
        try (SignalingClient broadcaster = SignalingClient.connect(TestServer.uri())) {
            assertEquals("room-joined", broadcaster.request("join-room", join("it-" + id, "broadcaster", null))
                    .getString("type"));
        }
    }

    /** WHIP and WHEP take the token as a bearer (RFC 9725 section 4.7.1), on every request but the preflight. */
    @Test
    void whipAndWhepAskForABearerTokenWhereTheRoomDoes() throws Exception {
        try (OpenResources open = new OpenResources()) {
            String offer = open.keep(TestPeer.create(OfferSpec.send(1, 2))).offer();
            HttpResponse<String> anonymous = WishClient.offer("/whip/" + secureView, offer);
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(403, bearer("/whip/" + secureView, token(secure, "broadcaster", Duration.ofMinutes(5)), offer)
                    .statusCode(), "a token for another room");
            assertEquals(403, bearer("/whip/" + secureView, token(secureView, "viewer", Duration.ofMinutes(5)), offer)
                    .statusCode(), "a viewer's token");
            String broadcasterToken = token(secureView, "broadcaster", Duration.ofMinutes(5));
            HttpResponse<String> published = bearer("/whip/" + secureView, broadcasterToken, offer);
            assertEquals(201, published.statusCode(), published.body());
            String resource = published.headers().firstValue("Location").orElseThrow();

            String watch = open.keep(TestPeer.create(OfferSpec.receive())).offer();
            assertEquals(401, WishClient.offer("/whep/" + secureView, watch).statusCode());
            HttpResponse<String> watched = bearer("/whep/" + secureView, token(secureView, "viewer", Duration.ofMinutes(5)),
                    watch);
            assertEquals(201, watched.statusCode(), watched.body());

            assertEquals(401, WishClient.delete(resource).statusCode(), "a DELETE needs the token too");
            assertEquals(200, WishClient.send(resource, "DELETE", Map.of("Authorization", "Bearer "
                    + broadcasterToken), null).statusCode());
        }
        assertNeverLogged();
    }

    private HttpResponse<String> bearer(String endpoint, String token, String offer) throws Exception {
        tokensSent.add(token);
        return WishClient.send(endpoint, "POST", Map.of("Content-Type", "application/sdp", "Authorization",
                "Bearer " + token), offer);
    }

    /** The jwt-1.0 feature's own endpoint web module mints no token for anyone: no user can sign in. */
    @Test
    void libertysJwtEndpointIssuesNoTokens() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String builder : List.of("defaultJWT", "beamTokens")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    TestServer.uri().resolve("/jwt/ibm/api/" + builder + "/token")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() >= 400, builder + ": " + response.statusCode() + " " + response.body());
        }
    }

    private String join(String room, String role, String token) {
        String fields = "\"room\":\"" + room + "\",\"role\":\"" + role + "\"";
        if (token == null) {
            return fields;
        }
        tokensSent.add(token);
        return fields + ",\"token\":\"" + token + "\"";
    }

    private String token(String room, String role, Duration ttl) throws GeneralSecurityException {
        return TokenMint.hs256(secret, claims(room, role, Instant.now().plus(ttl), "beam"));
    }

    private static String claims(String room, String role, Instant expiry, String issuer) {
        return TokenMint.claims(issuer, "access-token-it", room, role, expiry);
    }

    /** The signature of one token on the claims of another. */
    private static String tampered(String token, String claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + TokenMint.part(claims) + "." + parts[2];
    }

    private static void assertRefused(JsonObject reply, String code) {
        assertEquals("error", reply.getString("type"), reply.toString());
        assertEquals(code, reply.getString("code"), reply.toString());
    }

    /** No log of the server quotes a token: its messages, trace and FFDC incidents. */
    private void assertNeverLogged() throws IOException {
        Path logs = Path.of(System.getProperty("beam.wlp.home", "target/liberty/wlp"), "usr/servers/beamServer/logs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs, 2)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path log : files) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String token : tokensSent) {
                String payload = token.contains(".") ? token.split("\\.")[1] : token;
                if (payload.length() > 20) {
                    assertFalse(text.contains(payload), log.getFileName() + " quotes a token");
                }
            }
        }
    }
}
