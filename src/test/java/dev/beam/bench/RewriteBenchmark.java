package dev.beam.bench;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.send.Outgoing;
import dev.beam.media.send.SendStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One viewer's rewrite of a 1200-byte video packet: admission, header rewrite, counts. Each is
 * numbered one on from the last, as in a live stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RewriteBenchmark {
    private final Outgoing out = new Outgoing();
    private SendStream stream;
    private Packet packet;
    private int seq = 2;

    @Setup
    public void setUp() {
        PacketPool pool = new PacketPool(4);
        ReceiveStreams streams = Stages.streams();
        stream = new SendStream(Stages.viewerVideo(0x1234), new MediaStats());
        Packet key = Stages.received(pool, streams, 1, true, 0);
        out.forwarding(key);
        stream.admit(out, 0);
        packet = Stages.received(pool, streams, 2, false, 0);
    }

    @Benchmark
    public int rewrite() {
        RtpPacket.setSequenceNumber(packet.buf, 0, ++seq & 0xFFFF);
        out.forwarding(packet);
        if (!stream.admit(out, 0) || !stream.rewrite(out)) {
            throw new IllegalStateException("not admitted");
        }
        stream.count(out, 0);
        return out.length;
    }
}
