package dev.beam.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Datagrams the kernel dropped because a UDP socket's receive buffer was full, for the sockets
 * bound to one local port, as Linux lists them in /proc/net/udp and /proc/net/udp6 (the JDK's
 * sockets are IPv6 ones, IPv4-mapped addresses included): the last column of each line (proc(5)).
 * What the media port's receive thread did not read in time is lost there, before the server sees
 * it, so the server's own counters cannot show it.
 */
final class SocketDrops {
    private final Path netDirectory;

    SocketDrops(Path netDirectory) {
        this.netDirectory = netDirectory;
    }

    /** Drops on {@code port} so far; -1 where /proc/net cannot be read (not Linux). */
    long on(int port) {
        long drops = -1;
        for (String table : new String[] {"udp", "udp6"}) {
            Path file = netDirectory.resolve(table);
            try {
                long found = parse(Files.readString(file), port);
                drops = Math.max(drops, 0) + found;
            } catch (IOException e) {
                // that table is absent here (no IPv6, not Linux)
            }
        }
        return drops;
    }

    /** The drops of the sockets of one /proc/net/udp or udp6 text whose local port is {@code port}. */
    static long parse(String table, int port) {
        long drops = 0;
        for (String line : table.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 13 || !fields[0].endsWith(":")) {
                continue; // the header
            }
            int colon = fields[1].lastIndexOf(':');
            try {
                if (colon > 0 && Integer.parseInt(fields[1].substring(colon + 1), 16) == port) {
                    drops += Long.parseLong(fields[fields.length - 1]);
                }
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
        return drops;
    }
}
