package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LoadOptions o = LoadOptions.parse();
        assertEquals(URI.create("http://localhost:9080"), o.server());
        assertEquals(50, o.viewers());
        assertEquals(15, o.durationSeconds());
        assertEquals(2_500_000, o.bitrate());
        assertEquals(30, o.fps());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.workers());
        assertEquals(0, o.receiverReportSeconds());
        assertEquals(LoadOptions.NONE, o.serverPid());
        assertTrue(o.roomOrRandom().matches("loadgen-[0-9a-f]{8}"));
    }

    @Test
    void bothSpellingsAndSuffixesParse() {
        LoadOptions o = LoadOptions.parse("--viewers", "300", "--duration=20", "--bitrate", "1.5M", "--workers=3",
                "--server-pid", "4242", "--max-loss", "0.5", "--min-connected", "290", "--room", "bench_1",
                "--server", "http://127.0.0.1:9081", "--receiver-reports", "5", "--consent-checks", "4");
        assertEquals(300, o.viewers());
        assertEquals(20, o.durationSeconds());
        assertEquals(1_500_000, o.bitrate());
        assertEquals(3, o.workers());
        assertEquals(4242, o.serverPid());
        assertEquals(0.5, o.maxLossPercent());
        assertEquals(290, o.minConnected());
        assertEquals("bench_1", o.roomOrRandom());
        assertEquals(URI.create("http://127.0.0.1:9081"), o.server());
        assertEquals(5, o.receiverReportSeconds());
        assertEquals(4, o.consentCheckSeconds());
        assertEquals(800_000, LoadOptions.parse("--bitrate", "800k").bitrate());
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("unknown option --viewer", "--viewer", "5");
        assertMessage("--viewers needs a value", "--viewers");
        assertMessage("--viewers: not a whole number", "--viewers", "many");
        assertMessage("--workers must be at least 1", "--workers", "0");
        assertMessage("--bitrate must be between", "--bitrate", "5");
        assertMessage("--server: an http", "--server", "ws://localhost:9080");
        assertMessage("--room: letters", "--room", "a room");
        assertMessage("unexpected argument", "50");
        assertThrows(LoadOptions.HelpRequested.class, () -> LoadOptions.parse("--viewers", "3", "--help"));
    }

    @Test
    void theUsageDocumentsEveryOption() {
        for (String option : new String[] {"--server", "--room", "--viewers", "--duration", "--warmup", "--workers",
            "--bitrate", "--fps", "--keyframe-interval", "--join-parallel", "--join-timeout", "--receiver-reports",
            "--consent-checks", "--server-pid", "--max-loss", "--min-connected", "--help", "MAX_VIEWERS"}) {
            assertTrue(LoadOptions.USAGE.contains(option), option);
        }
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
