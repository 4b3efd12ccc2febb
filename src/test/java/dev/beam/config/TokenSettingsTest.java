package dev.beam.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {
    private static final Optional<String> SECRET = Optional.of("s".repeat(32));

    @Test
    void withoutAKeyNothingIsEnforced() {
        assertFalse(TokenSettings.open().enforced());
        assertTrue(settings(SECRET, Optional.empty(), "HS256").enforced());
        assertTrue(settings(Optional.empty(), Optional.of(URI.create("https://id.example/jwks")), "ES256").enforced());
    }

    @Test
    void aShortSecretStopsTheStart() {
        assertEquals("TOKEN_SECRET must have at least 32 characters, got 5", refused(Optional.of("short"),
                Optional.empty(), "HS256"));
    }

    @Test
    void theAlgorithmMustFitTheKey() {
        URI jwks = URI.create("https://id.example/jwks");
        assertTrue(refused(SECRET, Optional.empty(), "RS256").startsWith("TOKEN_SECRET signs HS256"));
        assertTrue(refused(Optional.empty(), Optional.of(jwks), "HS256").startsWith("TOKEN_JWKS_URL needs"));
        assertTrue(refused(SECRET, Optional.of(jwks), "HS256").contains("not both"));
        assertTrue(refused(SECRET, Optional.empty(), "none").startsWith("TOKEN_ALGORITHM must be"));
        assertTrue(refused(Optional.empty(), Optional.of(URI.create("file:/etc/keys")), "RS256")
                .startsWith("TOKEN_JWKS_URL must be"));
    }

    @Test
    void roomPatternsAreRoomNamesWithStars() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenSettings(SECRET,
                Optional.empty(), "HS256", "beam", List.of("*"), List.of("a b")));

        assertTrue(e.getMessage().startsWith("WATCH_TOKEN_ROOMS must list"), e.getMessage());
    }

    @Test
    void theSecretIsNeverShown() {
        assertFalse(settings(SECRET, Optional.empty(), "HS256").toString().contains(SECRET.get()));
    }

    private static TokenSettings settings(Optional<String> secret, Optional<URI> jwks, String algorithm) {
        return new TokenSettings(secret, jwks, algorithm, "beam", List.of("*"), List.of());
    }

    private static String refused(Optional<String> secret, Optional<URI> jwks, String algorithm) {
        return assertThrows(IllegalArgumentException.class, () -> settings(secret, jwks, algorithm)).getMessage();
    }
}
