package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.loadgen.LoadOptions;
import dev.beam.loadgen.LoadReport;
import dev.beam.loadgen.LoadRun;
import org.junit.jupiter.api.Test;

/**
 * The load generator against the started server, as a correctness test at scale: 50 viewers
 * for 10 s must all connect and get every packet. The figures belong to the benchmark (bin/bench).
 */
class LoadIT {

    @Test
    void fiftyViewersForTenSecondsAllConnectedAndNothingLost() throws Exception {
        LoadOptions defaults = LoadOptions.defaults();
        LoadOptions options = new LoadOptions(TestServer.uri(), null, 50, 10, defaults.warmupSeconds(),
                defaults.workers(), defaults.bitrate(), defaults.fps(), defaults.keyframeIntervalSeconds(),
                defaults.joinParallel(), defaults.joinTimeoutSeconds(), 0, 0, LoadOptions.NONE, 0.0,
                LoadOptions.NONE);

        LoadReport report = LoadRun.run(options, System.out);

        System.out.printf("load IT: %d viewers, %.0f packets/s delivered, loss %d, latency p50 %.2f ms p99 %.2f ms%n",
                report.viewers().connected(), report.deliveredPerSecond(), report.packets().lost(),
                report.latency().p50Ms(), report.latency().p99Ms());
        assertEquals(50, report.viewers().connected(), "every viewer connected: " + report.viewers().failures());
        assertEquals(0, report.viewers().disconnected(), "and stayed");
        assertEquals(0, report.packets().lost(), "nothing lost");
    }
}
