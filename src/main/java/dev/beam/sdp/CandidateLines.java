package dev.beam.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Formats the server's host candidates as a=candidate values (RFC 8839 §5.1, RFC 6544 §4.5). */
final class CandidateLines {
    /** Host type preference 126 (RFC 8445 §5.1.2.2) and component 1: the only component under rtcp-mux. */
    private static final long HOST_TYPE_PREFERENCE = 126;
    /**
     * TCP host candidates get a lower type preference than every UDP type but relayed (RFC 6544
     * §4.2 leaves it to the agent): a browser that reaches the UDP port nominates a UDP pair.
     */
    static final long TCP_HOST_TYPE_PREFERENCE = 90;
    /** RFC 6544 §4.2: direction-pref of a passive candidate (active 6, passive 4, S-O 2), bits 13-15 of the local preference. */
    private static final long PASSIVE_DIRECTION_PREFERENCE = 4;

    private CandidateLines() {
    }

    /** The UDP candidates first, then the passive TCP ones; foundations are distinct (RFC 8445 §5.1.1.3). */
    static List<String> of(List<InetSocketAddress> udp, List<InetSocketAddress> tcp) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < udp.size(); i++) {
            // priority = 2^24*type pref + 2^8*local pref + (256 - component) (RFC 8445 §5.1.2.1): 2130706431 for
            // the first, one local-preference step lower for each further address so priorities stay distinct.
            long priority = (HOST_TYPE_PREFERENCE << 24) + ((65535L - i) << 8) + (256 - 1);
            lines.add((i + 1) + " 1 udp " + priority + " " + host(udp.get(i)) + " " + udp.get(i).getPort() + " typ host");
        }
        for (int i = 0; i < tcp.size(); i++) {
            // local pref = 2^13*direction-pref + other-pref (RFC 6544 §4.2), other-pref distinct per address.
            long localPreference = (PASSIVE_DIRECTION_PREFERENCE << 13) + (8191 - i);
            long priority = (TCP_HOST_TYPE_PREFERENCE << 24) + (localPreference << 8) + (256 - 1);
            // RFC 6544 §4.5: "tcptype passive" after the type; the port is the one the server listens on.
            lines.add((udp.size() + i + 1) + " 1 tcp " + priority + " " + host(tcp.get(i)) + " " + tcp.get(i).getPort()
                    + " typ host tcptype passive");
        }
        return lines;
    }

    private static String host(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("candidate address is unresolved: " + address);
        }
        String host = ip.getHostAddress();
        int scope = host.indexOf('%');
        return scope >= 0 ? host.substring(0, scope) : host;
    }
}
