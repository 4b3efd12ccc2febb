package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc/net/udp and udp6 as Linux writes them (proc(5)), lines captured from a Liberty JVM. */
class SocketDropsTest {
    private static final String UDP = """
               sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              113: 0100007F:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99101 2 0000000000000000 3
              114: 0100007F:C350 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99102 2 0000000000000000 9
            """;
    private static final String UDP6 = """
               sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              250: 0000000000000000FFFF00000100007F:2710 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99201 2 0000000000000000 97
              251: 0000000000000000FFFF00000100007F:2710 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99202 2 0000000000000000 0
            """;

    @Test
    void udpDropsAreSummedOverOurPortsOnly() {
        String netUdp = """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                  113: 0100007F:C350 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99101 2 0000000000000000 7
                  114: 0100007F:C351 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99102 2 0000000000000000 0
                  200: 00000000:2710 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 99103 2 0000000000000000 50
                """;
        assertEquals(7, SocketDrops.parse(netUdp, Set.of(0xC350, 0xC351)), "ports 50000 and 50001; 10000 is the server's");
        assertEquals(0, SocketDrops.parse(netUdp, Set.of(1)));
    }

    @Test
    void sumsTheSocketsOfOnePortInBothTables(@TempDir Path net) throws IOException {
        Files.writeString(net.resolve("udp"), UDP);
        Files.writeString(net.resolve("udp6"), UDP6);

        assertEquals(100, new SocketDrops(net).on(Set.of(10000)));
        assertEquals(9, new SocketDrops(net).on(Set.of(50000)));
        assertEquals(0, new SocketDrops(net).on(Set.of(1)));
    }

    @Test
    void anIPv4OnlySystemHasNoUdp6(@TempDir Path net) throws IOException {
        Files.writeString(net.resolve("udp"), UDP);

        assertEquals(3, new SocketDrops(net).on(Set.of(10000)));
    }

    @Test
    void withoutProcItIsUnknown(@TempDir Path net) {
        assertEquals(-1, new SocketDrops(net).on(Set.of(10000)));
    }

    @Test
    void headersAndGarbageCountNothing() {
        assertEquals(0, SocketDrops.parse("sl local_address\nnot a line\n", Set.of(10000)));
    }
}
