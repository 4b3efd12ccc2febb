package dev.beam.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kernel's clock ticks per second (USER_HZ), in which /proc reports CPU times. */
public record ClockTicks(long perSecond, boolean assumed) {
    private static final long USUAL = 100;

    /** Asks `getconf CLK_TCK`; when that fails, assumes 100 (Linux on x86 and arm) and says so. */
    static ClockTicks detect() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ClockTicks(USUAL, true);
            }
            long value = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            return value > 0 ? new ClockTicks(value, false) : new ClockTicks(USUAL, true);
        } catch (IOException | NumberFormatException e) {
            return new ClockTicks(USUAL, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ClockTicks(USUAL, true);
        }
    }
}
