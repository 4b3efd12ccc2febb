package dev.beam.loadgen;

import java.util.List;

/**
 * What one run measured, with the options it ran with. Rates are over the measurement window;
 * a packet belongs to the window when it was sent inside it.
 *
 * @param viewers    how many connected, failed to, or dropped out (signaling closed, or no media
 *                   for 2 s before the window's end), with the first few failure reasons
 * @param packets    sent by the publisher in the window, expected (that times viewers connected),
 *                   delivered to them and lost (never arrived, by the payloads' sequence numbers)
 * @param latency    send-to-receive latency of the packets delivered, in milliseconds
 * @param server     the server's CPU and memory, or null without --server-pid
 * @param generator  this process's own CPU over the window
 */
public record LoadReport(LoadOptions options, String room, double windowSeconds, Viewers viewers, Packets packets,
                         Latency latency, Publishing publishing, Server server, Cpu generator, ClockTicks clockTicks) {

    public record Viewers(int requested, int connected, int failed, int disconnected, List<String> failures) {
    }

    /** {@code receiveBufferDrops}: lost in the viewers' own socket buffers (the generator's fault), -1 unknown. */
    public record Packets(long sent, long expected, long delivered, long lost, long receiveBufferDrops) {
        public double lossPercent() {
            return expected == 0 ? 0 : 100.0 * lost / expected;
        }
    }

    public record Latency(double p50Ms, double p99Ms, double maxMs) {
    }

    /** Keyframes the publisher sent, PLI/FIR it was sent, its send failures; consent checks viewers answered. */
    public record Publishing(long keyframes, long keyframeRequests, long sendFailures, long consentChecksAnswered) {
    }

    public record Server(Cpu cpu, long rssBeforeKb, long rssAfterKb, double rssPerViewerKb) {
    }

    /** CPU over the window: cores busy on average, and microseconds per packet delivered. */
    public record Cpu(double cores, double microsPerPacket) {
    }

    public double deliveredPerSecond() {
        return packets.delivered() / windowSeconds;
    }

    public double expectedPerSecond() {
        return packets.expected() / windowSeconds;
    }

    /** Whether the run met its bar: every viewer (or --min-connected) connected, loss within --max-loss. */
    public boolean passed() {
        int needed = options.minConnected() >= 0 ? options.minConnected() : options.viewers();
        boolean lossOk = options.maxLossPercent() < 0 || packets.lossPercent() <= options.maxLossPercent();
        return viewers.connected() >= needed && (options.minConnected() >= 0 || viewers.failed() == 0) && lossOk;
    }
}
