package dev.beam.loadgen;

import java.nio.file.Path;

/** Samples the CPU time of the server (when its pid is known) and of this process, and the server's memory. */
final class ServerProbe {
    private static final Path PROC = Path.of("/proc");

    /** CPU ticks of both processes at one moment (-1 where unknown). */
    record Sample(long nanos, long serverTicks, long selfTicks) {
    }

    private final String pid;
    private final ClockTicks ticks;

    ServerProbe(long serverPid, ClockTicks ticks) {
        this.pid = serverPid > 0 ? Long.toString(serverPid) : null;
        this.ticks = ticks;
    }

    ClockTicks clockTicks() {
        return ticks;
    }

    boolean hasServer() {
        return pid != null;
    }

    Sample sample() {
        return new Sample(System.nanoTime(), pid == null ? -1 : ProcFiles.cpuTicks(pid, PROC),
                ProcFiles.cpuTicks("self", PROC));
    }

    /** The server's VmRSS in kB, or -1. */
    long residentKb() {
        return pid == null ? -1 : ProcFiles.residentKb(pid, PROC);
    }

    /** CPU seconds between two tick counts; -1 when either is unknown. */
    double cpuSeconds(long ticksBefore, long ticksAfter) {
        return ticksBefore < 0 || ticksAfter < 0 ? -1 : (double) (ticksAfter - ticksBefore) / ticks.perSecond();
    }
}
