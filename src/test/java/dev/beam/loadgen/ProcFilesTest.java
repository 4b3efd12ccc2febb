package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc parsing on contents captured from a Liberty JVM (proc(5) layouts). */
class ProcFilesTest {
    private static final String STAT = "12513 (java) S 12275 12275 12250 0 -1 1077936384 153244 0 21 0 "
            + "2713 412 0 0 20 0 87 0 1869044 4976664576 126090 18446744073709551615 94221387272192 "
            + "94221387272960 140723880741104 0 0 0 0 16781312 16846028 0 0 0 17 1 0 0 0 0 0";

    @Test
    void cpuTicksAreUtimePlusStime() {
        assertEquals(2713 + 412, ProcFiles.cpuTicks(STAT));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertEquals(3125, ProcFiles.cpuTicks(STAT.replace("(java)", "(a (b) c)")));
    }

    @Test
    void malformedStatGivesMinusOne() {
        assertEquals(-1, ProcFiles.cpuTicks("12513 java S 1"));
        assertEquals(-1, ProcFiles.cpuTicks("12513 (java) S 1 2 3"));
        assertEquals(-1, ProcFiles.cpuTicks("12513 (java) S 1 2 3 4 5 6 7 8 9 10 x y z"));
    }

    @Test
    void udpDropsAreSummedOverOurPortsOnly() {
        String netUdp = """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  113: 0100007F:C350 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99101 2 0000000000000000 7
                  114: 0100007F:C351 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99102 2 0000000000000000 0
                  200: 00000000:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99103 2 0000000000000000 50
                """;
        assertEquals(7, ProcFiles.udpDrops(netUdp, Set.of(0xC350, 0xC351)), "ports 50000 and 50001; 10000 is the server's");
        assertEquals(0, ProcFiles.udpDrops(netUdp, Set.of(1)));
    }

    @Test
    void udpDropsOfANamespaceCountIPv6SocketsToo(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/udp"), """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  113: 0100007F:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99101 2 0000000000000000 3
                """);
        // The JDK's sockets are IPv6 ones, IPv4-mapped addresses included (captured from Liberty).
        Files.writeString(proc.resolve("net/udp6"), """
                   sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  250: 0000000000000000FFFF00000100007F:2710 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99201 2 0000000000000000 40
                """);

        assertEquals(43, ProcFiles.udpDrops(Set.of(10000), proc));
    }

    @Test
    void residentMemoryIsVmRss() {
        String status = """
                Name:\tjava
                Umask:\t0022
                State:\tS (sleeping)
                VmPeak:\t 4976664 kB
                VmSize:\t 4976664 kB
                VmHWM:\t  515012 kB
                VmRSS:\t  504360 kB
                RssAnon:\t  470912 kB
                Threads:\t87
                """;
        assertEquals(504360, ProcFiles.residentKb(status));
        assertEquals(-1, ProcFiles.residentKb("Name:\tkthreadd\nState:\tS (sleeping)\n"), "kernel threads have none");
    }
}
