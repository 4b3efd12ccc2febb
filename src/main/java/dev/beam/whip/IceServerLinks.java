package dev.beam.whip;

import dev.beam.turn.IceServer;

/** The {@code Link: rel="ice-server"} header value for one STUN or TURN server URI (RFC 9725 section 4.6). */
final class IceServerLinks {
    private IceServerLinks() {
    }

    /** {@code url}, one of {@code server}'s, with the server's credentials where it is a TURN server that has them. */
    static String link(String url, IceServer server) {
        StringBuilder link = new StringBuilder("<").append(url).append(">; rel=\"ice-server\"");
        if (IceServer.isTurn(url) && server.username() != null && server.credential() != null) {
            link.append("; username=\"").append(quoted(server.username()))
                    .append("\"; credential=\"").append(quoted(server.credential()))
                    .append("\"; credential-type=\"password\"");
        }
        return link.toString();
    }

    /** A quoted-string's content (RFC 9110 section 5.6.4): backslash and quote escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
