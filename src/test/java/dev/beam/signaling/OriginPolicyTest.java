package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.config.SignalingSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy sameOriginOnly = new OriginPolicy(new SignalingSettings(List.of(), SignalingSettings.DEFAULT_PING_INTERVAL,
            SignalingSettings.DEFAULT_PING_TIMEOUT));

    @Test
    void theSameOriginIsAlwaysAllowed() {
        assertTrue(sameOriginOnly.allows("http://localhost:9080", "localhost:9080"));
        assertTrue(sameOriginOnly.allows("http://LocalHost:9080", "localhost:9080"));
        assertTrue(sameOriginOnly.allows("http://example.com", "example.com"));
        assertTrue(sameOriginOnly.allows("https://example.com", "example.com:443"));
        assertTrue(sameOriginOnly.allows("http://[::1]:9080", "[::1]:9080"));
    }

    @Test
    void aForeignOriginIsRefused() {
        assertFalse(sameOriginOnly.allows("http://evil.example", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("http://localhost:9081", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("null", "localhost:9080"));
        assertFalse(sameOriginOnly.allows("http://localhost:9080", null));
        assertFalse(sameOriginOnly.allows("::not a uri::", "localhost:9080"));
    }

    @Test
    void aClientWithoutOriginIsNotABrowserAndIsAllowed() {
        assertTrue(sameOriginOnly.allows(null, "localhost:9080"));
    }

    @Test
    void listedOriginsAreAllowed() {
        OriginPolicy policy = new OriginPolicy(new SignalingSettings(List.of("https://app.example.com", "http://x.test"), SignalingSettings.DEFAULT_PING_INTERVAL,
            SignalingSettings.DEFAULT_PING_TIMEOUT));

        assertTrue(policy.allows("https://app.example.com", "media.example.com"));
        assertTrue(policy.allows("http://x.test", "media.example.com"));
        assertFalse(policy.allows("https://other.example.com", "media.example.com"));
    }

    @Test
    void aStarAllowsEveryOrigin() {
        assertTrue(new OriginPolicy(new SignalingSettings(List.of("*"), SignalingSettings.DEFAULT_PING_INTERVAL,
            SignalingSettings.DEFAULT_PING_TIMEOUT)).allows("http://evil.example", "localhost:9080"));
    }
}
