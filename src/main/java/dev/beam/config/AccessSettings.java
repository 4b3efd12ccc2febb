package dev.beam.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who the server is to browsers, and who may see what only operators see.
 *
 * @param publicOrigins  the origins the server's pages are served from ({@code PUBLIC_ORIGIN}, a
 *                       comma-separated list such as {@code https://live.example.com}; each is
 *                       normalized to {@code scheme://host:port}); default none: only pages on
 *                       {@code localhost} or an IP address count as the server's own
 * @param operatorSecret the bearer secret of operators ({@code OPERATOR_SECRET}, at least
 *                       {@value #MIN_SECRET_LENGTH} characters); default none: nobody sees the
 *                       operators' view
 */
public record AccessSettings(List<String> publicOrigins, Optional<String> operatorSecret) {
    public static final int MIN_SECRET_LENGTH = 16;

    public AccessSettings {
        publicOrigins = publicOrigins.stream().map(AccessSettings::normalizeOrigin).toList();
        operatorSecret.ifPresent(secret -> {
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("OPERATOR_SECRET must have at least " + MIN_SECRET_LENGTH
                        + " characters, got " + secret.length());
            }
        });
    }

    public static AccessSettings none() {
        return new AccessSettings(List.of(), Optional.empty());
    }

    /**
     * An origin as browsers send it ({@code scheme://host[:port]}), in the form
     * {@code scheme://host:port} with scheme and host in lower case and the port explicit.
     */
    static String normalizeOrigin(String origin) {
        String trimmed = origin.strip();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(bad(origin));
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(bad(origin), e);
        }
    }

    private static String bad(String origin) {
        return "PUBLIC_ORIGIN must list origins like https://live.example.com (scheme, host, optional port,"
                + " nothing else), got '" + origin + "'";
    }
}
