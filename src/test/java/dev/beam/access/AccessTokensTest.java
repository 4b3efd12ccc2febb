package dev.beam.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.config.TokenSettings;
import dev.beam.room.Role;
import dev.beam.tokens.TokenMint;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final String SECRET = "unit-test-secret-0123456789abcdef";
    private final FakeClock clock = new FakeClock();
    private int verified;
    /** Stands in for Liberty's consumer, which runs only in the server: counts the tokens it is asked about. */
    private final SignatureCheck signatures = token -> verified++;
    private final AccessTokens tokens = new AccessTokens(new TokenSettings(Optional.of(SECRET), Optional.empty(),
            "HS256", "beam", List.of("*"), List.of("private-*")), signatures, clock);

    @Test
    void aGoodBroadcasterTokenLetsItsBearerBroadcastAndWatch() {
        String token = token("main", "broadcaster", Duration.ofHours(1));

        assertDoesNotThrow(() -> tokens.authorize(Optional.of(token), "main", Role.BROADCASTER));
        assertDoesNotThrow(() -> tokens.authorize(Optional.of(token), "main", Role.VIEWER));
        assertEquals(1, verified, "watching main needs no token, so it is not checked");
    }

    @Test
    void aTokenWithItsPayloadChangedIsUnauthorized() {
        String[] good = token("other", "broadcaster", Duration.ofHours(1)).split("\\.");
        String tampered = good[0] + "." + TokenMint.part(claims("main", "broadcaster", Duration.ofHours(1))) + "."
                + good[2];

        assertEquals(401, refused(Optional.of(tampered), "main", Role.BROADCASTER).status());
    }

    @Test
    void broadcastingWithoutATokenIsUnauthorized() {
        AccessDenied denied = refused(Optional.empty(), "main", Role.BROADCASTER);

        assertEquals(401, denied.status());
        assertEquals("unauthorized", denied.code());
        assertEquals("a token is needed to broadcast in room 'main'", denied.reason());
        assertEquals(401, refused(Optional.of(" "), "main", Role.BROADCASTER).status());
    }

    @Test
    void watchingNeedsATokenOnlyInTheRoomsConfigured() {
        assertDoesNotThrow(() -> tokens.authorize(Optional.empty(), "main", Role.VIEWER));
        assertEquals(401, refused(Optional.empty(), "private-1", Role.VIEWER).status());
        assertDoesNotThrow(() -> tokens.authorize(Optional.of(token("private-1", "viewer", Duration.ofMinutes(1))),
                "private-1", Role.VIEWER));
    }

    @Test
    void anExpiredTokenIsUnauthorizedWithoutVerifyingIt() {
        String token = token("main", "broadcaster", Duration.ofMinutes(10));
        clock.elapse(Duration.ofMinutes(10));

        AccessDenied denied = refused(Optional.of(token), "main", Role.BROADCASTER);

        assertEquals(401, denied.status());
        assertEquals("the token has expired", denied.reason());
        assertEquals(0, verified);
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorized() throws GeneralSecurityException {
        String token = TokenMint.hs256(SECRET, "{\"iss\":\"beam\",\"room\":\"main\",\"role\":\"broadcaster\"}");

        AccessDenied denied = refused(Optional.of(token), "main", Role.BROADCASTER);

        assertEquals(401, denied.status());
        assertTrue(denied.reason().startsWith("the token has no expiry"), denied.reason());
    }

    @Test
    void aTokenForAnotherRoomIsForbidden() {
        AccessDenied denied = refused(Optional.of(token("other", "broadcaster", Duration.ofHours(1))), "main",
                Role.BROADCASTER);

        assertEquals(403, denied.status());
        assertEquals("forbidden", denied.code());
        assertEquals("the token is for room 'other', not 'main'", denied.reason());
    }

    @Test
    void aViewerTokenCannotBroadcast() {
        AccessDenied denied = refused(Optional.of(token("main", "viewer", Duration.ofHours(1))), "main",
                Role.BROADCASTER);

        assertEquals(403, denied.status());
        assertEquals("the token lets its bearer watch, not broadcast", denied.reason());
    }

    @Test
    void aTokenWithoutRoomOrRoleIsForbidden() throws GeneralSecurityException {
        long exp = clock.instant().plusSeconds(60).getEpochSecond();
        String noRoom = TokenMint.hs256(SECRET, "{\"role\":\"broadcaster\",\"exp\":" + exp + "}");
        String badRole = TokenMint.hs256(SECRET, "{\"room\":\"main\",\"role\":\"admin\",\"exp\":" + exp + "}");

        assertEquals(403, refused(Optional.of(noRoom), "main", Role.BROADCASTER).status());
        assertEquals(403, refused(Optional.of(badRole), "main", Role.BROADCASTER).status());
    }

    @Test
    void aRoomPatternCoversItsRooms() {
        String token = token("team-*", "broadcaster", Duration.ofHours(1));

        assertDoesNotThrow(() -> tokens.authorize(Optional.of(token), "team-red", Role.BROADCASTER));
        assertEquals(403, refused(Optional.of(token), "teams", Role.BROADCASTER).status());
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        String unsigned = TokenMint.part("{\"alg\":\"none\"}") + "."
                + TokenMint.part(claims("main", "broadcaster", Duration.ofHours(1))) + ".";

        AccessDenied denied = refused(Optional.of(unsigned), "main", Role.BROADCASTER);

        assertEquals(401, denied.status());
        assertTrue(denied.reason().startsWith("the token is unsigned (alg 'none')"), denied.reason());
        assertEquals(0, verified);
    }

    @Test
    void aTokenSignedWithAnotherAlgorithmIsUnauthorized() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        String es256 = TokenMint.signed("ES256", generator.generateKeyPair().getPrivate(),
                claims("main", "broadcaster", Duration.ofHours(1)));

        AccessDenied denied = refused(Optional.of(es256), "main", Role.BROADCASTER);

        assertEquals(401, denied.status());
        assertEquals("the token is signed with 'ES256'; this server takes only HS256", denied.reason());
        assertEquals(0, verified);
    }

    @Test
    void aBadSignatureIsUnauthorized() throws GeneralSecurityException {
        String forged = TokenMint.hs256("another-secret-0123456789abcdefgh", claims("main", "broadcaster",
                Duration.ofHours(1)));

        AccessDenied denied = refused(Optional.of(forged), "main", Role.BROADCASTER);

        assertEquals(401, denied.status());
        assertEquals("the token's signature does not verify with this server's key", denied.reason());
        assertEquals(0, verified, "a token that fails the secret's check never reaches Liberty, which would log it");
    }

    @Test
    void aMalformedTokenIsUnauthorized() {
        String claims = TokenMint.part(claims("main", "broadcaster", Duration.ofHours(1)));
        for (String malformed : List.of("not-a-token", "a.b", "a.b.c.d", "..", "%%%." + claims + ".sig",
                TokenMint.part("[1]") + "." + claims + ".sig", TokenMint.part("{\"typ\":\"JWT\"}") + "." + claims + ".sig",
                TokenMint.part("{\"alg\":\"HS256\"}") + "." + TokenMint.part("\"text\"") + ".sig",
                "x".repeat(5000))) {
            AccessDenied denied = refused(Optional.of(malformed), "main", Role.BROADCASTER);
            assertEquals(401, denied.status(), malformed);
            assertFalse(denied.reason().contains(malformed), "the reply never quotes the token");
        }
        assertEquals(0, verified);
    }

    @Test
    void withoutAKeyEveryRoomIsOpen() {
        AccessTokens open = AccessTokens.open();

        assertFalse(open.needsToken("main", Role.BROADCASTER));
        assertDoesNotThrow(() -> open.authorize(Optional.empty(), "main", Role.BROADCASTER));
        assertDoesNotThrow(() -> open.authorize(Optional.of("garbage"), "main", Role.BROADCASTER));
    }

    @Test
    void broadcastingNeedsATokenOnlyInTheRoomsConfigured() {
        AccessTokens some = new AccessTokens(new TokenSettings(Optional.of(SECRET), Optional.empty(), "HS256", "beam",
                List.of("secure-*"), List.of()), signatures, clock);

        assertDoesNotThrow(() -> some.authorize(Optional.empty(), "main", Role.BROADCASTER));
        assertEquals(401, assertThrows(AccessDenied.class,
                () -> some.authorize(Optional.empty(), "secure-1", Role.BROADCASTER)).status());
    }

    /** Seeded mutations of a good token, and of its decoded parts: each is let in or refused, nothing else. */
    @Test
    void mutatedTokensAreRefusedWithoutSurprises() {
        Random random = new Random(9);
        String good = token("main", "broadcaster", Duration.ofHours(1));
        String alphabet = "AZaz09-_.=+/{}\"\\: \u0000\u00e9";
        for (int i = 0; i < 10_000; i++) {
            StringBuilder mutated = new StringBuilder(i % 2 == 0 ? good : TokenMint.part(
                    "{\"alg\":\"HS256\"" + "}".repeat(random.nextInt(2))) + "." + TokenMint.part(
                    claims("main", "broadcaster", Duration.ofHours(1)).substring(0, random.nextInt(40))) + ".s");
            for (int edits = 1 + random.nextInt(3); edits > 0 && !mutated.isEmpty(); edits--) {
                int at = random.nextInt(mutated.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> mutated.setCharAt(at, c);
                    case 1 -> mutated.insert(at, c);
                    default -> mutated.deleteCharAt(at);
                }
            }
            String token = mutated.toString();
            try {
                tokens.authorize(Optional.of(token), "main", Role.BROADCASTER);
            } catch (AccessDenied e) {
                assertTrue(e.status() == 401 || e.status() == 403, e.getMessage());
                assertFalse(e.reason().contains(token), "the reply never quotes the token");
            }
        }
    }

    @Test
    void theTokenOfABearerHeader() {
        assertEquals(Optional.of("a.b.c"), AccessTokens.bearer("Bearer a.b.c"));
        assertEquals(Optional.of("a.b.c"), AccessTokens.bearer("bearer  a.b.c "));
        assertEquals(Optional.empty(), AccessTokens.bearer(null));
        assertEquals(Optional.empty(), AccessTokens.bearer("Bearer "));
        assertEquals(Optional.empty(), AccessTokens.bearer("Basic dXNlcjpwYXNz"));
        assertEquals(Optional.empty(), AccessTokens.bearer("Bearera.b.c"));
    }

    private AccessDenied refused(Optional<String> token, String room, Role role) {
        return assertThrows(AccessDenied.class, () -> tokens.authorize(token, room, role));
    }

    private String token(String room, String role, Duration ttl) {
        try {
            return TokenMint.hs256(SECRET, claims(room, role, ttl));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String claims(String room, String role, Duration ttl) {
        return TokenMint.claims("beam", "tester", room, role, clock.instant().plus(ttl));
    }
}
