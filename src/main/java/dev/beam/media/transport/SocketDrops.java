package dev.beam.media.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Datagrams the kernel dropped because a UDP socket's receive buffer was full, for the sockets
 * bound to some local ports, as Linux lists them in /proc/net/udp and /proc/net/udp6 (the JDK's
 * sockets are IPv6 ones, IPv4-mapped addresses included): the last column of each line (proc(5)).
 * What a receive thread did not read in time is lost there, before the program sees it, so the
 * program's own counters cannot show it: the media port's in the server, the viewers' in the load
 * generator.
 */
public final class SocketDrops {
    private final Path netDirectory;

    /** @param netDirectory /proc/net, or where its tables are for a test */
    public SocketDrops(Path netDirectory) {
        this.netDirectory = netDirectory;
    }

    /** Drops on {@code ports} so far; -1 where /proc/net cannot be read (not Linux). */
    public long on(Set<Integer> ports) {
        long drops = -1;
        for (String table : new String[] {"udp", "udp6"}) {
            Path file = netDirectory.resolve(table);
            try {
                long found = parse(Files.readString(file), ports);
                drops = Math.max(drops, 0) + found;
            } catch (IOException e) {
                // that table is absent here (no IPv6, not Linux)
            }
        }
        return drops;
    }

    /** The drops of the sockets of one /proc/net/udp or udp6 text whose local port is one of {@code ports}. */
    static long parse(String table, Set<Integer> ports) {
        long drops = 0;
        for (String line : table.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 13 || !fields[0].endsWith(":")) {
                continue; // the header
            }
            int colon = fields[1].lastIndexOf(':');
            try {
                if (colon > 0 && ports.contains(Integer.parseInt(fields[1].substring(colon + 1), 16))) {
                    drops += Long.parseLong(fields[fields.length - 1]);
                }
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
        return drops;
    }
}
