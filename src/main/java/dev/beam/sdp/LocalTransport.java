package dev.beam.sdp;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The server's side of the transport: ICE credentials, DTLS certificate fingerprint, UDP host
 * candidates and passive TCP host candidates (RFC 6544; none when ICE over TCP is off).
 */
public record LocalTransport(String iceUfrag, String icePwd, Fingerprint fingerprint,
        List<InetSocketAddress> candidates, List<InetSocketAddress> tcpCandidates) {

    public LocalTransport {
        candidates = List.copyOf(candidates);
        tcpCandidates = List.copyOf(tcpCandidates);
    }
}
