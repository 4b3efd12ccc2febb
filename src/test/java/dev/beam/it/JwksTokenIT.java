package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import dev.beam.tokens.TokenMint;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ES256 tokens verified against a JSON Web Key Set, on a second server started with
 * {@code TOKEN_JWKS_URL} and {@code TOKEN_ALGORITHM=ES256} (a key set excludes the first server's
 * HS256 secret), the set served by the test on loopback: Liberty's jwtConsumer fetches it. The
 * same server announces ICE servers ({@code ICE_SERVERS}) to WHIP clients.
 */
class JwksTokenIT {
    private static final KeyPair KEY = ecKey();
    private static HttpServer keySet;
    private static SecondServer server;

    @BeforeAll
    static void startServerWithAKeySet() throws Exception {
        keySet = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = jwks((ECPublicKey) KEY.getPublic()).getBytes(StandardCharsets.UTF_8);
        keySet.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keySet.start();
        server = SecondServer.start("beamJwks", Map.of(
                "TOKEN_JWKS_URL", "http://127.0.0.1:" + keySet.getAddress().getPort() + "/jwks",
                "TOKEN_ALGORITHM", "ES256",
                "BROADCAST_TOKEN_ROOMS", "*",
                "ICE_SERVERS", "stun:stun.example.net, turn:turn.example.net?transport=udp",
                "ICE_SERVERS_USERNAME", "user",
                "ICE_SERVERS_CREDENTIAL", "myPassword"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (keySet != null) {
                keySet.stop(0);
            }
        }
    }

    @Test
    void anEs256TokenSignedByTheSetsKeyLetsABroadcasterInAndOthersAreRefused() throws Exception {
        String claims = TokenMint.claims("beam", "jwks-it", "jwks-room", "broadcaster", Instant.now().plusSeconds(300));
        KeyPair stranger = ecKey();
        try (SignalingClient client = SignalingClient.connect(server.uri())) {
            assertEquals("unauthorized", join(client, TokenMint.signed("ES256", stranger.getPrivate(), claims))
                    .getString("code"), "a key not in the set");
            assertEquals("unauthorized", join(client, TokenMint.hs256("a-secret-of-at-least-thirty-two-chars", claims))
                    .getString("code"), "another algorithm");
            assertEquals("room-joined", join(client, TokenMint.signed("ES256", KEY.getPrivate(), claims))
                    .getString("type"), "a token the set's key signed");
        }
        try (OpenResources open = new OpenResources()) {
            String offer = open.keep(TestPeer.create(OfferSpec.send(1, 2))).offer();
            String viewerToken = TokenMint.signed("ES256", KEY.getPrivate(),
                    TokenMint.claims("beam", "jwks-it", "whip-room", "viewer", Instant.now().plusSeconds(300)));
            assertEquals(403, whip(offer, viewerToken).statusCode(), "a viewer's token cannot broadcast");
            String token = TokenMint.signed("ES256", KEY.getPrivate(),
                    TokenMint.claims("beam", "jwks-it", "whip-room", "broadcaster", Instant.now().plusSeconds(300)));
            HttpResponse<String> published = whip(offer, token);
            assertEquals(201, published.statusCode(), "WHIP with the bearer token");
            assertEquals(List.of("<stun:stun.example.net>; rel=\"ice-server\"",
                    "<turn:turn.example.net?transport=udp>; rel=\"ice-server\"; username=\"user\"; credential=\"myPassword\";"
                            + " credential-type=\"password\""), published.headers().allValues("Link"),
                    "the configured ICE servers, in Link headers (RFC 9725 section 4.6)");
        }
    }

    private static JsonObject join(SignalingClient client, String token) throws InterruptedException {
        return client.request("join-room", "\"room\":\"jwks-room\",\"role\":\"broadcaster\",\"token\":\"" + token + "\"");
    }

    private static HttpResponse<String> whip(String offer, String token) throws Exception {
        return WishClient.send(server.uri().resolve("/whip/whip-room").toString(), "POST",
                Map.of("Content-Type", "application/sdp", "Authorization", "Bearer " + token), offer);
    }

    /** The public key as a JSON Web Key Set (RFC 7517, RFC 7518 section 6.2.1). */
    private static String jwks(ECPublicKey key) {
        return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"x\":\""
                + coordinate(key.getW().getAffineX().toByteArray()) + "\",\"y\":\""
                + coordinate(key.getW().getAffineY().toByteArray()) + "\"}]}";
    }

    /** A coordinate as 32 big-endian bytes, base64url. */
    private static String coordinate(byte[] twosComplement) {
        byte[] fixed = new byte[32];
        int from = Math.max(0, twosComplement.length - 32);
        System.arraycopy(twosComplement, from, fixed, 32 - (twosComplement.length - from), twosComplement.length - from);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
