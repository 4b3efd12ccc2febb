package dev.beam.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials by the TURN REST scheme (draft-uberti-behave-turn-rest-00 section
 * 2.2), which coturn checks with {@code use-auth-secret} and the same {@code static-auth-secret}:
 * the username is {@code <expiry, unix seconds>:<who>}, the password base64(HMAC-SHA1(secret,
 * username)). The TURN server recomputes the password and refuses the username once its expiry
 * has passed, so nothing is stored and nothing need be revoked.
 */
public final class TurnCredentials {
    private static final String HMAC = "HmacSHA1";

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public TurnCredentials(String secret, Duration lifetime, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Credentials for {@code urls}, valid for the lifetime from now, naming {@code who} (a peer id) in coturn's log. */
    public IceServer issue(List<String> urls, String who) {
        String username = (clock.instant().getEpochSecond() + lifetime.toSeconds()) + ":" + who;
        return new IceServer(urls, username, password(username));
    }

    String password(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this JDK", e);
        }
    }
}
