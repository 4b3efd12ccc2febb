package dev.beam.loadgen;

import java.util.List;

/** Turns what the publisher sent and the viewers received into a {@link LoadReport}. */
final class ReportBuilder {
    private final LoadOptions options;
    private final String room;
    private final double windowSeconds;
    private final Publisher publisher;
    private final List<Viewer> viewers;

    ReportBuilder(LoadOptions options, String room, double windowSeconds, Publisher publisher, List<Viewer> viewers) {
        this.options = options;
        this.room = room;
        this.windowSeconds = windowSeconds;
        this.publisher = publisher;
        this.viewers = viewers;
    }

    LoadReport build(LoadRun.JoinResult joined, int disconnected, long consentAnswered, long udpDrops, ServerProbe probe,
                     ServerProbe.Sample start, ServerProbe.Sample end, long rssBefore, long rssAfter) {
        PacedSender sender = publisher.sender();
        StreamWindow[] sent = {sender.inWindow(PayloadStamp.AUDIO), sender.inWindow(PayloadStamp.VIDEO)};
        long sentInWindow = sent[0].count() + sent[1].count();
        LatencyHistogram latency = new LatencyHistogram();
        long delivered = 0;
        long lost = 0;
        for (Viewer viewer : viewers) {
            ViewerStats stats = viewer.stats();
            latency.add(stats.latency());
            delivered += stats.packetsInWindow();
            for (int stream = 0; stream < 2; stream++) {
                lost += stats.stream(stream).lostBetween(sent[stream].first(), sent[stream].last());
            }
        }
        LoadReport.Packets packets = new LoadReport.Packets(sentInWindow, sentInWindow * viewers.size(), delivered, lost,
                udpDrops);
        LoadReport.Latency ms = new LoadReport.Latency(latency.percentileMicros(0.50) / 1000.0,
                latency.percentileMicros(0.99) / 1000.0, latency.maxMicros() / 1000.0);
        LoadReport.Server server = null;
        if (probe.hasServer()) {
            server = new LoadReport.Server(cpu(probe.cpuSeconds(start.serverTicks(), end.serverTicks()), delivered),
                    rssBefore, rssAfter, rssBefore < 0 || rssAfter < 0 || viewers.isEmpty() ? -1
                            : (double) (rssAfter - rssBefore) / viewers.size());
        }
        return new LoadReport(options, room, windowSeconds,
                new LoadReport.Viewers(options.viewers(), viewers.size(), joined.failed(), disconnected, joined.failures()),
                packets, ms, new LoadReport.Publishing(publisher.keyframes(), publisher.keyframeRequests(),
                        publisher.sendFailures(), consentAnswered),
                server, cpu(probe.cpuSeconds(start.selfTicks(), end.selfTicks()), delivered), probe.clockTicks());
    }

    /** Cores busy on average over the window, and CPU microseconds per packet delivered. */
    private LoadReport.Cpu cpu(double cpuSeconds, long delivered) {
        if (cpuSeconds < 0) {
            return new LoadReport.Cpu(-1, -1);
        }
        return new LoadReport.Cpu(cpuSeconds / windowSeconds, delivered == 0 ? -1 : cpuSeconds * 1e6 / delivered);
    }
}
