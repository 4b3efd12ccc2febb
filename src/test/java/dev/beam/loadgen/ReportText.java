package dev.beam.loadgen;

import java.util.Locale;

/** The report for a person reading a terminal. */
final class ReportText {
    private ReportText() {
    }

    static String summary(LoadReport r) {
        StringBuilder s = new StringBuilder();
        LoadOptions o = r.options();
        line(s, "load run: room %s, %d viewers on %d workers, %.2f Mbit/s video at %d fps, %.1f s measured",
                r.room(), o.viewers(), o.workers(), o.bitrate() / 1e6, o.fps(), r.windowSeconds());
        LoadReport.Viewers v = r.viewers();
        line(s, "  viewers      %d connected, %d failed, %d disconnected during the run", v.connected(), v.failed(),
                v.disconnected());
        for (String failure : v.failures()) {
            line(s, "               failure: %s", failure);
        }
        line(s, "  delivered    %.0f packets/s (expected %.0f: %.0f/s sent x %d viewers)", r.deliveredPerSecond(),
                r.expectedPerSecond(), r.packets().sent() / r.windowSeconds(), v.connected());
        line(s, "  loss         %d of %d packets (%.3f%%); %d dropped in the viewers' own socket buffers",
                r.packets().lost(), r.packets().expected(), r.packets().lossPercent(), r.packets().receiveBufferDrops());
        line(s, "  latency      p50 %.2f ms, p99 %.2f ms, max %.2f ms", r.latency().p50Ms(), r.latency().p99Ms(),
                r.latency().maxMs());
        line(s, "  publisher    %d keyframes (%d PLI/FIR received), %d send failures; viewers answered %d consent checks",
                r.publishing().keyframes(), r.publishing().keyframeRequests(), r.publishing().sendFailures(),
                r.publishing().consentChecksAnswered());
        if (r.server() != null) {
            LoadReport.Server sv = r.server();
            line(s, "  server       %.2f cores, %.2f us CPU per delivered packet, RSS %d -> %d MB (%.0f KB per viewer)",
                    sv.cpu().cores(), sv.cpu().microsPerPacket(), sv.rssBeforeKb() / 1024, sv.rssAfterKb() / 1024,
                    sv.rssPerViewerKb());
        } else {
            line(s, "  server       not measured (give --server-pid)");
        }
        line(s, "  generator    %.2f cores, %.2f us CPU per delivered packet", r.generator().cores(),
                r.generator().microsPerPacket());
        if (r.clockTicks().assumed()) {
            line(s, "  (getconf CLK_TCK failed: assumed %d clock ticks per second)", r.clockTicks().perSecond());
        }
        line(s, "  result       %s", r.passed() ? "PASS" : "FAIL");
        return s.toString();
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
