package dev.beam.media;

import java.net.InetSocketAddress;
import java.util.List;

/** What goes into an answer about the server's side of one peer's transport; {@code tcpCandidates} are passive (RFC 6544). */
public record LocalParameters(String iceUfrag, String icePassword, String fingerprint, List<InetSocketAddress> candidates,
        List<InetSocketAddress> tcpCandidates) {
}
