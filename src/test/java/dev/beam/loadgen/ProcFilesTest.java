package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
