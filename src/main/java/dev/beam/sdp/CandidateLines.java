package dev.beam.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Formats the server's host candidates as a=candidate values (RFC 8839 §5.1). */
final class CandidateLines {
    /** Host type preference 126 (RFC 8445 §5.1.2.2) and component 1: the only component under rtcp-mux. */
    private static final long HOST_TYPE_PREFERENCE = 126;

    private CandidateLines() {
    }

    static List<String> of(List<InetSocketAddress> candidates) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            InetSocketAddress address = candidates.get(i);
            InetAddress ip = address.getAddress();
            if (ip == null) {
                throw new IllegalArgumentException("candidate address is unresolved: " + address);
            }
            // priority = 2^24*type pref + 2^8*local pref + (256 - component) (RFC 8445 §5.1.2.1): 2130706431 for
            // the first, one local-preference step lower for each further address so priorities stay distinct.
            long priority = (HOST_TYPE_PREFERENCE << 24) + ((65535L - i) << 8) + (256 - 1);
            String host = ip.getHostAddress();
            int scope = host.indexOf('%');
            host = scope >= 0 ? host.substring(0, scope) : host;
            // Distinct foundations: each address is its own base (RFC 8445 §5.1.1.3).
            lines.add((i + 1) + " 1 udp " + priority + " " + host + " " + address.getPort() + " typ host");
        }
        return lines;
    }
}
