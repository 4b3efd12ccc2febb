package dev.beam.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may broadcast and watch: the key that signs access tokens, and the rooms that need one.
 * Without a key ({@code TOKEN_SECRET} or {@code TOKEN_JWKS_URL}) every room is open. Liberty's
 * {@code jwtConsumer} in server.xml reads the same keys; this record is what the application
 * checks against.
 *
 * @param secret        the HS256 shared secret ({@code TOKEN_SECRET}, at least
 *                      {@value #MIN_SECRET_LENGTH} characters: RFC 7518 section 3.2 wants a key of
 *                      at least the hash's 256 bits); default none
 * @param jwksUrl       where the public keys of RS256 or ES256 tokens are fetched
 *                      ({@code TOKEN_JWKS_URL}, http or https); default none
 * @param algorithm     the one signature algorithm accepted ({@code TOKEN_ALGORITHM}: {@code HS256}
 *                      with a secret, {@code RS256} or {@code ES256} with a JWKS URL; default HS256)
 * @param issuer        the {@code iss} every token must carry ({@code TOKEN_ISSUER}, default
 *                      {@value #DEFAULT_ISSUER})
 * @param broadcastRooms room patterns whose broadcasting needs a token once a key is configured
 *                      ({@code BROADCAST_TOKEN_ROOMS}, comma-separated, {@code *} a wildcard;
 *                      default {@code *}: every room)
 * @param watchRooms    room patterns whose watching needs a token too ({@code WATCH_TOKEN_ROOMS};
 *                      default none)
 */
public record TokenSettings(Optional<String> secret, Optional<URI> jwksUrl, String algorithm, String issuer,
        List<String> broadcastRooms, List<String> watchRooms) {
    public static final int MIN_SECRET_LENGTH = 32;
    public static final String DEFAULT_ALGORITHM = "HS256";
    public static final String DEFAULT_ISSUER = "beam";
    /** A room name, with {@code *} standing for any run of characters. */
    public static final String ROOM_PATTERN = "[A-Za-z0-9_*-]{1,64}";
    private static final Set<String> ASYMMETRIC = Set.of("RS256", "ES256");

    public TokenSettings {
        broadcastRooms = List.copyOf(broadcastRooms);
        watchRooms = List.copyOf(watchRooms);
        if (!algorithm.equals(DEFAULT_ALGORITHM) && !ASYMMETRIC.contains(algorithm)) {
            throw new IllegalArgumentException("TOKEN_ALGORITHM must be HS256, RS256 or ES256, got '" + algorithm + "'");
        }
        if (secret.isPresent() && jwksUrl.isPresent()) {
            throw new IllegalArgumentException("set TOKEN_SECRET (HS256) or TOKEN_JWKS_URL (RS256, ES256), not both");
        }
        if (secret.isPresent() && !algorithm.equals(DEFAULT_ALGORITHM)) {
            throw new IllegalArgumentException("TOKEN_SECRET signs HS256 tokens, but TOKEN_ALGORITHM is " + algorithm);
        }
        if (jwksUrl.isPresent() && !ASYMMETRIC.contains(algorithm)) {
            throw new IllegalArgumentException("TOKEN_JWKS_URL needs TOKEN_ALGORITHM RS256 or ES256, got " + algorithm);
        }
        secret.ifPresent(key -> {
            if (key.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("TOKEN_SECRET must have at least " + MIN_SECRET_LENGTH
                        + " characters, got " + key.length());
            }
        });
        jwksUrl.ifPresent(url -> {
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("TOKEN_JWKS_URL must be an http or https URL, got '" + url + "'");
            }
        });
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("TOKEN_ISSUER must not be blank");
        }
        checkPatterns("BROADCAST_TOKEN_ROOMS", broadcastRooms);
        checkPatterns("WATCH_TOKEN_ROOMS", watchRooms);
    }

    /** No key: every room open to everyone. */
    public static TokenSettings open() {
        return new TokenSettings(Optional.empty(), Optional.empty(), DEFAULT_ALGORITHM, DEFAULT_ISSUER, List.of("*"),
                List.of());
    }

    /** Whether a key is configured, and so whether any token is asked for. */
    public boolean enforced() {
        return secret.isPresent() || jwksUrl.isPresent();
    }

    /** Never shows the secret, should the settings be logged. */
    @Override
    public String toString() {
        return "TokenSettings[secret=" + (secret.isPresent() ? "(set)" : "(none)") + ", jwksUrl=" + jwksUrl.orElse(null)
                + ", algorithm=" + algorithm + ", issuer=" + issuer + ", broadcastRooms=" + broadcastRooms
                + ", watchRooms=" + watchRooms + "]";
    }

    private static void checkPatterns(String key, List<String> patterns) {
        for (String pattern : patterns) {
            if (!pattern.matches(ROOM_PATTERN)) {
                throw new IllegalArgumentException(key + " must list room names or patterns of 1-64 letters, digits,"
                        + " '-', '_' or '*', got '" + pattern + "'");
            }
        }
    }
}
