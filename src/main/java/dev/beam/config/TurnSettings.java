package dev.beam.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * TURN servers whose credentials the server issues itself, by the TURN REST scheme
 * (draft-uberti-behave-turn-rest-00) that coturn checks with {@code use-auth-secret}.
 *
 * @param secret        {@code TURN_SECRET}: coturn's {@code static-auth-secret}; never logged or sent
 * @param urls          {@code TURN_URLS}: the {@code turn:}/{@code turns:} URIs the credentials are for
 * @param credentialTtl {@code TURN_CREDENTIAL_TTL}: how long an issued credential is valid
 */
public record TurnSettings(Optional<String> secret, List<String> urls, Duration credentialTtl) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    static final int MIN_SECRET_CHARS = 16;

    public TurnSettings {
        urls = List.copyOf(urls);
        for (String url : urls) {
            if (!url.matches("(turn|turns):[^\\s<>\"]+")) {
                throw new IllegalArgumentException("TURN_URLS holds '" + url + "', which is not a turn: or turns: URI");
            }
        }
        if (secret.isPresent() && secret.get().length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("TURN_SECRET must have at least " + MIN_SECRET_CHARS + " characters");
        }
        if (secret.isPresent() != !urls.isEmpty()) {
            throw new IllegalArgumentException("TURN_SECRET and TURN_URLS go together: the secret signs credentials"
                    + " for the servers the URLs name");
        }
        if (credentialTtl.isNegative() || credentialTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("TURN_CREDENTIAL_TTL must be at least 1 second");
        }
    }

    public static TurnSettings none() {
        return new TurnSettings(Optional.empty(), List.of(), DEFAULT_TTL);
    }

    /** Without the secret: records print every component otherwise. */
    @Override
    public String toString() {
        return "TurnSettings[urls=" + urls + ", credentialTtl=" + credentialTtl + ", secret="
                + (secret.isPresent() ? "(set)" : "(none)") + "]";
    }
}
