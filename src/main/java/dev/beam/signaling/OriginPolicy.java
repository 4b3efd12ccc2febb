package dev.beam.signaling;

import dev.beam.config.AccessSettings;
import dev.beam.config.SignalingSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which browser origins may open the signaling WebSocket. A request without Origin comes from a
 * non-browser client and is allowed. A browser's origin is allowed when it is
 * <ul>
 * <li>one of the server's public origins ({@code PUBLIC_ORIGIN}), compared as scheme, host and port;</li>
 * <li>listed in {@code CORS_ORIGIN}, or that is {@code *};</li>
 * <li>the page's own, judged from the request's Host, but only where the host is {@code localhost}
 * or an IP address. A page on a host name proves nothing by matching Host: an attacker can
 * point a name of its own at the server (DNS rebinding, RFC 6454 section 3 on why origins
 * compare host names and not addresses), and the browser then sends that name as both Origin
 * and Host. Nobody can do that with a literal address or {@code localhost}, which browsers
 * never resolve through DNS. The scheme is not compared here, so TLS terminated by a proxy
 * still counts.</li>
 * </ul>
 */
public final class OriginPolicy {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

    private final SignalingSettings settings;
    private final AccessSettings access;

    public OriginPolicy(SignalingSettings settings, AccessSettings access) {
        this.settings = settings;
        this.access = access;
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
        Optional<URI> parsed = parse(origin);
        if (parsed.isEmpty()) {
            return false;
        }
        URI uri = parsed.get();
        String hostName = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (access.publicOrigins().contains(scheme + "://" + hostName + ":" + port)) {
            return true;
        }
        return host != null && isAddressOrLocalhost(hostName) && (hostName + ":" + port).equals(normalizeHost(host));
    }

    private static Optional<URI> parse(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean isAddressOrLocalhost(String host) {
        return host.equals("localhost") || IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
    }

    private static String normalizeHost(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        boolean hasPort = colon > lower.lastIndexOf(']');
        return hasPort ? lower : lower + ":80";
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
