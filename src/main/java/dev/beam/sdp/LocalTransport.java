package dev.beam.sdp;

import java.net.InetSocketAddress;
import java.util.List;

/** The server's side of the transport: ICE credentials, DTLS certificate fingerprint and host candidates. */
public record LocalTransport(String iceUfrag, String icePwd, Fingerprint fingerprint,
        List<InetSocketAddress> candidates) {

    public LocalTransport {
        candidates = List.copyOf(candidates);
    }
}
