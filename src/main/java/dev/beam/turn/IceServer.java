package dev.beam.turn;

import java.util.List;

/**
 * One STUN or TURN server as a browser's {@code RTCIceServer} takes it (WebRTC 1.0 section 4.2.4),
 * and as {@code room-joined} sends it: {@code username} and {@code credential} are null (and left
 * out) for a server that needs none.
 */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = List.copyOf(urls);
    }

    /** Whether {@code url} is a TURN server's, the kind that takes credentials. */
    public static boolean isTurn(String url) {
        return url.startsWith("turn:") || url.startsWith("turns:");
    }

    /** Without the credential, which must not reach a log. */
    @Override
    public String toString() {
        return "IceServer[urls=" + urls + ", username=" + username + "]";
    }
}
