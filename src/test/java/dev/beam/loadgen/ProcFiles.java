package dev.beam.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
