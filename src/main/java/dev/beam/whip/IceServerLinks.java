package dev.beam.whip;

import dev.beam.config.IceServerSettings;

/** The {@code Link: rel="ice-server"} header value for one STUN or TURN server (RFC 9725 section 4.6). */
final class IceServerLinks {
    private IceServerLinks() {
    }

    static String link(String url, IceServerSettings settings) {
        StringBuilder link = new StringBuilder("<").append(url).append(">; rel=\"ice-server\"");
        if (url.startsWith("turn") && settings.username().isPresent() && settings.credential().isPresent()) {
            link.append("; username=\"").append(quoted(settings.username().get()))
                    .append("\"; credential=\"").append(quoted(settings.credential().get()))
                    .append("\"; credential-type=\"password\"");
        }
        return link.toString();
    }

    /** A quoted-string's content (RFC 9110 section 5.6.4): backslash and quote escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
