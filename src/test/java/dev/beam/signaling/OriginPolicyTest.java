package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.config.AccessSettings;
import dev.beam.config.SignalingSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy sameOriginOnly = new OriginPolicy(signaling(List.of()), AccessSettings.none());

    private static SignalingSettings signaling(List<String> corsOrigins) {
        return new SignalingSettings(corsOrigins, SignalingSettings.DEFAULT_PING_INTERVAL, SignalingSettings.DEFAULT_PING_TIMEOUT,
                SignalingSettings.DEFAULT_SESSION_GRACE);
    }

    private static OriginPolicy publicAt(String... origins) {
        return new OriginPolicy(signaling(List.of()), new AccessSettings(List.of(origins), Optional.empty()));
    }

    @Test
    void aPageOnLocalhostOrAnAddressIsTheServersOwn() {
        assertTrue(sameOriginOnly.allows("http://localhost:9080", "localhost:9080"));
        assertTrue(sameOriginOnly.allows("http://LocalHost:9080", "localhost:9080"));
        assertTrue(sameOriginOnly.allows("http://127.0.0.1:9080", "127.0.0.1:9080"));
        assertTrue(sameOriginOnly.allows("http://192.0.2.7", "192.0.2.7"));
        assertTrue(sameOriginOnly.allows("https://192.0.2.7", "192.0.2.7:443"));
        assertTrue(sameOriginOnly.allows("http://[::1]:9080", "[::1]:9080"));
    }

    @Test
    void aPageOnAHostNameMatchingHostIsNotEnough() {
        // DNS rebinding: the attacker's name resolves to the server, so Origin and Host agree.
        assertFalse(sameOriginOnly.allows("http://evil.example:9080", "evil.example:9080"));
        assertFalse(sameOriginOnly.allows("http://example.com", "example.com"));
        assertFalse(sameOriginOnly.allows("http://localhost.evil.example:9080", "localhost.evil.example:9080"));
        assertFalse(sameOriginOnly.allows("http://127.0.0.1.evil.example", "127.0.0.1.evil.example"));
    }

    @Test
    void aForeignOriginIsRefused() {
        assertFalse(sameOriginOnly.allows("http://evil.example", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("http://localhost:9081", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("http://127.0.0.1:9080", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("null", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("http://localhost:9080", null));
        assertFalse(sameOriginOnly.allows("::not a uri::", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("http://300.1.1.1", "300.1.1.1"));
    }

    @Test
    void thePublicOriginsAreTheServersOwnWhateverTheHost() {
        OriginPolicy policy = publicAt("https://live.example.com", "http://beam.test:8080");

        assertTrue(policy.allows("https://live.example.com", "10.0.0.5:9080"));
        assertTrue(policy.allows("https://LIVE.example.com:443", null));
        assertTrue(policy.allows("http://beam.test:8080", "beam.test:8080"));
        assertFalse(policy.allows("http://live.example.com", "live.example.com"), "the scheme counts");
        assertFalse(policy.allows("https://live.example.com:8443", "live.example.com:8443"), "the port counts");
        assertFalse(policy.allows("https://evil.example", "evil.example:443"));
        assertTrue(policy.allows("http://localhost:9080", "localhost:9080"), "localhost still is");
    }

    @Test
    void aClientWithoutOriginIsNotABrowserAndIsAllowed() {
        assertTrue(sameOriginOnly.allows(null, "localhost:9080"));
        assertTrue(sameOriginOnly.allows(null, "evil.example"));
    }

    @Test
    void listedOriginsAreAllowed() {
        OriginPolicy policy = new OriginPolicy(signaling(List.of("https://app.example.com", "http://x.test")), AccessSettings.none());

        assertTrue(policy.allows("https://app.example.com", "media.example.com"));
        assertTrue(policy.allows("http://x.test", "media.example.com"));
        assertFalse(policy.allows("https://other.example.com", "media.example.com"));
    }

    @Test
    void aStarAllowsEveryOrigin() {
        assertTrue(new OriginPolicy(signaling(List.of("*")), AccessSettings.none()).allows("http://evil.example", "localhost:9080"));
    }
}
