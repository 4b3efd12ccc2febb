package dev.beam.bench;

import dev.beam.media.MediaStats;
import dev.beam.media.SendPath;
import dev.beam.media.forward.FanOut;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.send.Outgoing;
import dev.beam.media.send.SendStream;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.media.transport.SrtpSender;
import dev.beam.media.transport.SrtpTransformer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One packet of a broadcast to {@value #VIEWERS} viewers through the production fan-out and
 * send path (selection, rewrite, counts, SRTP with AES-GCM), on one shard run inline, with a
 * sender that drops what it is given: everything the server does per viewer but the syscall.
 * The figure is per viewer-packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FanOutBenchmark {
    static final int VIEWERS = 100;

    /** Encrypts for real, sends nowhere. */
    private static final class NullSender implements SrtpSender {
        private final SrtpTransformer srtp = SrtpTransformer.forServer(Stages.keys(SrtpProfile.AEAD_AES_128_GCM));

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public int protectRtp(byte[] buf, int off, int len) {
            return srtp.protectRtp(buf, off, len);
        }

        @Override
        public int protectRtcp(byte[] buf, int off, int len) {
            return srtp.protectRtcp(buf, off, len);
        }

        @Override
        public boolean send(byte[] buf, int off, int len) {
            return true;
        }
    }

    private record Viewer(SendPath path) implements FanOut.Member {
        @Override
        public void forward(Packet packet, Outgoing out) {
            path.forward(out);
        }

        @Override
        public void relaySenderReport(ReceiveStream from, long ntpTimestamp, long rtpTimestamp, Outgoing out) {
        }

        @Override
        public void failed(RuntimeException e) {
            throw e;
        }
    }

    private final PacketPool pool = new PacketPool(16);
    private final ReceiveStreams streams = Stages.streams();
    private FanOut fanOut;
    private int seq;

    @Setup
    public void setUp() {
        MediaStats stats = new MediaStats();
        fanOut = new FanOut("bench", 1, Runnable::run, Long.MAX_VALUE / 2, () -> 0, stats);
        for (int i = 0; i < VIEWERS; i++) {
            SendStream stream = new SendStream(Stages.viewerVideo(0x10000 + 2L * i), stats);
            fanOut.add(new Viewer(new SendPath("v" + i, new SendStream[] {stream},
                    new SourceTrack[] {Stages.VIDEO}, new NullSender(), stats, () -> true, null, () -> 0)));
        }
        fanOut.forward(Stages.received(pool, streams, seq++, true, 0));
    }

    @Benchmark
    @OperationsPerInvocation(VIEWERS)
    public void forwardToAll() {
        fanOut.forward(Stages.received(pool, streams, seq++, false, 0));
    }
}
