package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ES256 tokens verified against a JSON Web Key Set, on a second server started with
 * {@code TOKEN_JWKS_URL} and {@code TOKEN_ALGORITHM=ES256} (a key set excludes the first server's
 * HS256 secret), the set served by the test on loopback: Liberty's jwtConsumer fetches it. The
 * same server announces ICE servers ({@code ICE_SERVERS}, and {@code TURN_URLS} with TURN REST
 * credentials issued per session) to WHIP clients that passed the token check.
 */
class JwksTokenIT {
    private static final KeyPair KEY = ecKey();
    private static final String TURN_SECRET = "jwks-it-turn-secret-0123456789";
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
                "ICE_SERVERS_CREDENTIAL", "myPassword",
                "TURN_SECRET", TURN_SECRET,
                "TURN_URLS", "turn:127.0.0.1:3478?transport=udp",
                "TURN_CREDENTIAL_TTL", "600"));
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
            HttpResponse<String> refused = whip(offer, viewerToken);
            assertEquals(403, refused.statusCode(), "a viewer's token cannot broadcast");
            assertEquals(List.of(), refused.headers().allValues("Link"), "no ICE servers, no credentials, when refused");
            String token = TokenMint.signed("ES256", KEY.getPrivate(),
                    TokenMint.claims("beam", "jwks-it", "whip-room", "broadcaster", Instant.now().plusSeconds(300)));
            HttpResponse<String> published = whip(offer, token);
            assertEquals(201, published.statusCode(), "WHIP with the bearer token");
            List<String> links = published.headers().allValues("Link");
            assertEquals(List.of("<stun:stun.example.net>; rel=\"ice-server\"",
                    "<turn:turn.example.net?transport=udp>; rel=\"ice-server\"; username=\"user\"; credential=\"myPassword\";"
                            + " credential-type=\"password\""), links.subList(0, 2),
                    "the configured ICE servers, in Link headers (RFC 9725 section 4.6)");
            assertEquals(3, links.size(), links.toString());
            Matcher issued = Pattern.compile("<turn:127\\.0\\.0\\.1:3478\\?transport=udp>; rel=\"ice-server\"; username=\"(\\d+):"
                    + "[0-9a-f]+\"; credential=\"([A-Za-z0-9+/=]+)\"; credential-type=\"password\"").matcher(links.get(2));
            assertTrue(issued.matches(), "TURN REST credentials for TURN_URLS: " + links.get(2));
            long expiresIn = Long.parseLong(issued.group(1)) - Instant.now().getEpochSecond();
            assertTrue(expiresIn > 540 && expiresIn <= 600, "valid for TURN_CREDENTIAL_TTL: " + expiresIn);
            String username = links.get(2).replaceAll(".*username=\"([^\"]+)\".*", "$1");
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            assertEquals(Base64.getEncoder().encodeToString(hmac.doFinal(username.getBytes(StandardCharsets.UTF_8))),
                    issued.group(2), "base64(HMAC-SHA1(TURN_SECRET, username))");
            assertTrue(links.stream().noneMatch(link -> link.contains(TURN_SECRET)));
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
