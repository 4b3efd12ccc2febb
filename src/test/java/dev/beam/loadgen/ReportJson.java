package dev.beam.loadgen;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** The report as one JSON line, {"loadgen":{...}}, so scripts can grep for it and parse it. */
final class ReportJson {
    static final String PREFIX = "{\"loadgen\":";

    private ReportJson() {
    }

    static String line(LoadReport r) {
        LoadOptions o = r.options();
        JsonObjectBuilder params = Json.createObjectBuilder()
                .add("server", o.server().toString()).add("room", r.room()).add("viewers", o.viewers())
                .add("durationSeconds", o.durationSeconds()).add("warmupSeconds", o.warmupSeconds())
                .add("workers", o.workers()).add("bitrate", o.bitrate()).add("fps", o.fps())
                .add("keyframeIntervalSeconds", o.keyframeIntervalSeconds()).add("joinParallel", o.joinParallel())
                .add("receiverReportSeconds", o.receiverReportSeconds())
                .add("consentCheckSeconds", o.consentCheckSeconds()).add("serverPid", o.serverPid())
                .add("maxLossPercent", o.maxLossPercent()).add("minConnected", o.minConnected());
        JsonObjectBuilder viewers = Json.createObjectBuilder()
                .add("connected", r.viewers().connected()).add("failed", r.viewers().failed())
                .add("disconnected", r.viewers().disconnected())
                .add("failures", Json.createArrayBuilder(r.viewers().failures()));
        JsonObjectBuilder packets = Json.createObjectBuilder()
                .add("sentInWindow", r.packets().sent()).add("expected", r.packets().expected())
                .add("delivered", r.packets().delivered()).add("lost", r.packets().lost())
                .add("receiveBufferDrops", r.packets().receiveBufferDrops())
                .add("lossPercent", round(r.packets().lossPercent(), 4))
                .add("deliveredPerSecond", round(r.deliveredPerSecond(), 1))
                .add("expectedPerSecond", round(r.expectedPerSecond(), 1));
        JsonObjectBuilder latency = Json.createObjectBuilder().add("p50Ms", round(r.latency().p50Ms(), 3))
                .add("p99Ms", round(r.latency().p99Ms(), 3)).add("maxMs", round(r.latency().maxMs(), 3));
        JsonObjectBuilder publishing = Json.createObjectBuilder().add("keyframes", r.publishing().keyframes())
                .add("keyframeRequests", r.publishing().keyframeRequests())
                .add("sendFailures", r.publishing().sendFailures())
                .add("consentChecksAnswered", r.publishing().consentChecksAnswered());
        JsonObjectBuilder all = Json.createObjectBuilder().add("parameters", params)
                .add("windowSeconds", round(r.windowSeconds(), 3)).add("viewers", viewers).add("packets", packets)
                .add("latency", latency).add("publishing", publishing)
                .add("generator", cpu(r.generator()))
                .add("clockTicksPerSecond", r.clockTicks().perSecond())
                .add("clockTicksAssumed", r.clockTicks().assumed())
                .add("passed", r.passed());
        if (r.server() != null) {
            all.add("server", cpu(r.server().cpu()).add("rssBeforeKb", r.server().rssBeforeKb())
                    .add("rssAfterKb", r.server().rssAfterKb())
                    .add("rssPerViewerKb", round(r.server().rssPerViewerKb(), 1)));
        }
        return PREFIX + all.build() + "}";
    }

    private static JsonObjectBuilder cpu(LoadReport.Cpu cpu) {
        return Json.createObjectBuilder().add("cpuCores", round(cpu.cores(), 3))
                .add("cpuMicrosPerPacket", round(cpu.microsPerPacket(), 3));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
