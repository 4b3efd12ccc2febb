package dev.beam.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a process's CPU time and resident memory from Linux's /proc (proc(5)). Parsing is kept
 * apart from reading so that it is tested on sample contents.
 */
public final class ProcFiles {
    private ProcFiles() {
    }

    /**
     * utime + stime, in clock ticks, from /proc/PID/stat: fields 14 and 15. The command name
     * (field 2) is in parentheses and may hold spaces or parentheses itself, so fields are
     * counted from the last ')'. Returns -1 when the content is not a stat line.
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        if (fields.length < 13) {
            return -1;
        }
        try {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** VmRSS in kB from /proc/PID/status ("VmRSS:    123456 kB"), or -1 without one. */
    static long residentKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                try {
                    return Long.parseLong(f[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Datagrams the kernel dropped because these local UDP ports' receive buffers were full:
     * the last column of /proc/net/udp ("sl local_address ... drops"), local_address being
     * hex IP:port. Such drops are the generator's, not the server's.
     */
    static long udpDrops(String netUdp, Set<Integer> localPorts) {
        long drops = 0;
        for (String line : netUdp.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 13 || !f[0].endsWith(":")) {
                continue; // the header
            }
            int colon = f[1].indexOf(':');
            try {
                if (colon > 0 && localPorts.contains(Integer.parseInt(f[1].substring(colon + 1), 16))) {
                    drops += Long.parseLong(f[f.length - 1]);
                }
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
        return drops;
    }

    /**
     * {@link #udpDrops} of this network namespace, IPv4 and IPv6 sockets alike (the JDK's are
     * IPv6 ones, listed in /proc/net/udp6 even when they carry IPv4), or -1 when /proc/net/udp
     * cannot be read.
     */
    public static long udpDrops(Set<Integer> localPorts, Path proc) {
        long drops;
        try {
            drops = udpDrops(Files.readString(proc.resolve("net").resolve("udp")), localPorts);
        } catch (IOException e) {
            return -1;
        }
        Path udp6 = proc.resolve("net").resolve("udp6");
        try {
            return drops + (Files.exists(udp6) ? udpDrops(Files.readString(udp6), localPorts) : 0);
        } catch (IOException e) {
            return drops;
        }
    }

    /** CPU ticks of process {@code pid} ("self" for this one), or -1 when it cannot be read. */
    static long cpuTicks(String pid, Path proc) {
        return read(proc.resolve(pid).resolve("stat"), true);
    }

    static long residentKb(String pid, Path proc) {
        return read(proc.resolve(pid).resolve("status"), false);
    }

    private static long read(Path file, boolean stat) {
        try {
            String content = Files.readString(file);
            return stat ? cpuTicks(content) : residentKb(content);
        } catch (IOException e) {
            return -1;
        }
    }
}
