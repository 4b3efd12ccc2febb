package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server's candidates: UDP host ones (RFC 8839 §5.1) and passive TCP ones (RFC 6544 §4.5). */
class CandidateLinesTest {
    /** RFC 6544 §4.5 with RFC 8839 §5.1: foundation component "tcp" priority address port "typ" type "tcptype" tcp-type. */
    private static final Pattern TCP_CANDIDATE = Pattern.compile(
            "[A-Za-z0-9+/]{1,32} 1 tcp [0-9]{1,10} \\S+ [0-9]{1,5} typ host tcptype (active|passive|so)");

    private static final List<InetSocketAddress> UDP = List.of(new InetSocketAddress("127.0.0.1", 10000),
            new InetSocketAddress("192.0.2.7", 10000));
    private static final List<InetSocketAddress> TCP = List.of(new InetSocketAddress("127.0.0.1", 10000),
            new InetSocketAddress("192.0.2.7", 10000));

    @Test
    void tcpCandidatesArePassiveHostCandidatesInRfc6544Syntax() {
        List<String> lines = CandidateLines.of(UDP, TCP);
        assertEquals(4, lines.size());
        assertEquals("3 1 tcp 1520435199 127.0.0.1 10000 typ host tcptype passive", lines.get(2));
        assertEquals("4 1 tcp 1520434943 192.0.2.7 10000 typ host tcptype passive", lines.get(3));
        for (String line : lines.subList(2, 4)) {
            assertTrue(TCP_CANDIDATE.matcher(line).matches(), line);
        }
    }

    @Test
    void everyTcpCandidateRanksBelowEveryUdpOne() {
        List<String> lines = CandidateLines.of(UDP, TCP);
        long lowestUdp = Long.MAX_VALUE;
        long highestTcp = 0;
        for (String line : lines) {
            long priority = Long.parseLong(line.split(" ")[3]);
            if (line.contains(" udp ")) {
                lowestUdp = Math.min(lowestUdp, priority);
            } else {
                highestTcp = Math.max(highestTcp, priority);
            }
        }
        assertTrue(highestTcp < lowestUdp, highestTcp + " < " + lowestUdp);
        // Below a server-reflexive UDP candidate too (type preference 100, RFC 8445 §5.1.2.2).
        assertTrue(highestTcp < 100L << 24);
    }

    @Test
    void foundationsAreDistinctAcrossTransports() {
        List<String> lines = CandidateLines.of(UDP, TCP);
        assertEquals(lines.size(), lines.stream().map(l -> l.split(" ")[0]).distinct().count());
    }

    @Test
    void withoutTcpOnlyUdpCandidatesAreWritten() {
        assertEquals(List.of("1 1 udp 2130706431 127.0.0.1 10000 typ host",
                "2 1 udp 2130706175 192.0.2.7 10000 typ host"), CandidateLines.of(UDP, List.of()));
    }
}
