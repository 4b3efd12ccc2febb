package dev.beam.signaling;

import dev.beam.config.SignalingSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which browser origins may open the signaling WebSocket: the page's own (the Origin's host and
 * port equal the request's Host; the scheme is not compared, so TLS terminated by a proxy still
 * counts as same origin), any listed in {@code CORS_ORIGIN}, or every origin when it is {@code *}.
 * A request without Origin comes from a non-browser client and is allowed.
 */
public final class OriginPolicy {
    private final SignalingSettings settings;

    public OriginPolicy(SignalingSettings settings) {
        this.settings = settings;
    }

    public boolean allows(String origin, String host) {
        if (origin == null || settings.allowsAnyOrigin()) {
            return true;
        }
        for (String allowed : settings.allowedOrigins()) {
            if (allowed.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        return host != null && authority(origin).equals(normalizeHost(host));
    }

    private static String authority(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) {
                return "";
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String normalizeHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        boolean hasPort = colon > lower.lastIndexOf(']');
        return hasPort ? lower : lower + ":80";
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
