package dev.beam.bench;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.KeyframeRequester;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.send.Outgoing;
import dev.beam.media.send.SendStream;
import dev.beam.media.send.ViewerLayer;
import dev.beam.testpeer.RtpPackets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One viewer's admission and rewrite of a VP8 simulcast layer in three temporal layers (0, 2, 1,
 * 2, two packets a frame), the viewer's estimate short of the layer's full rate so that it gets
 * layers 0 and 1: half the packets are dropped, and each dropped frame starts a new numbering.
 * The figure is per source packet, dropped or sent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TemporalDropBenchmark {
    private static final int RID_EXTENSION = 10;
    private static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false, List.of("h"), RID_EXTENSION);
    private static final int[] PATTERN = {0, 2, 1, 2};
    /** Packets of one cycle of the pattern, made once; their numbers are set per packet. */
    private static final int CYCLE = 2 * PATTERN.length;

    private final PacketPool pool = new PacketPool(CYCLE + 1);
    private final ReceiveStreams streams = new ReceiveStreams(List.of(VIDEO), (ssrc, track) -> new KeyframeRequester(
            () -> 0, 0, 0, false, new LongAdder(), (fir, seq) -> true));
    private final Packet[] cycle = new Packet[CYCLE];
    private final Outgoing out = new Outgoing();
    private SendStream stream;
    private int seq;
    private int frame;

    @Setup
    public void setUp() {
        for (int i = 0; i < CYCLE; i++) {
            int temporal = PATTERN[i / 2];
            byte[] payload = new byte[temporal == 0 ? 1100 : temporal == 1 ? 700 : 400];
            byte[] head = {(byte) (i % 2 == 0 ? 0x90 : 0x80), (byte) 0xE0, (byte) 0x80, 0, 0, (byte) (temporal << 6),
                0x51, 0x42, 0x00};
            System.arraycopy(head, 0, payload, 0, head.length);
            byte[] rtp = RtpPackets.rtpWithRid(96, i, 0, 0xAAAA, false, RID_EXTENSION, "h", payload);
            cycle[i] = pool.take(rtp, 0, rtp.length, 0);
            streams.attach(cycle[i]);
            cycle[i].stream().firstCopy(cycle[i]);
        }
        long now = 0;
        for (int i = 0; i < 30 * CYCLE; i++, now += 4_000_000) { // a second of the layer, for its rates
            Packet packet = next();
            packet.stream().count(packet);
        }
        streams.rankLayers(now);
        long[] rates = streams.layers(VIDEO).ranked()[0].temporalBitsPerSecond();
        long estimate = (rates[1] + rates[2]) / 2;
        ViewerLayer layer = new ViewerLayer(streams.layers(VIDEO), () -> estimate, () -> 0);
        stream = new SendStream(Stages.viewerVideo(0x1234), layer, new MediaStats());
        byte[] key = cycle[0].buf;
        int at = RtpPacket.payloadOffset(key, 0, cycle[0].length);
        byte[] keyframe = key.clone();
        keyframe[at + 6] = 0x50;
        keyframe[at + 9] = (byte) 0x9D;
        keyframe[at + 10] = 0x01;
        keyframe[at + 11] = 0x2A;
        Packet first = pool.take(keyframe, 0, cycle[0].length, now);
        streams.attach(first);
        first.stream().firstCopy(first);
        first.stream().detectKeyframe(first);
        RtpPacket.setSequenceNumber(first.buf, 0, seq++ & 0xFFFF);
        out.forwarding(first);
        if (!stream.admit(out, now) || !stream.rewrite(out)) {
            throw new IllegalStateException("keyframe not admitted");
        }
        stream.count(out, now);
        int sent = 0;
        for (int i = 0; i < 4 * CYCLE; i++) {
            sent += forwardCapped() > 0 ? 1 : 0;
        }
        if (sent != 4 * CYCLE / 2) {
            throw new IllegalStateException("layer 2 not dropped: " + sent + " of " + 4 * CYCLE + " sent");
        }
    }

    /** The next packet of the pattern, numbered on from the last. */
    private Packet next() {
        Packet packet = cycle[frame++ % CYCLE];
        RtpPacket.setSequenceNumber(packet.buf, 0, seq++ & 0xFFFF);
        RtpPacket.setTimestamp(packet.buf, 0, (seq / 2) * 3000L);
        return packet;
    }

    @Benchmark
    public int forwardCapped() {
        out.forwarding(next());
        if (!stream.admit(out, 0)) {
            return 0;
        }
        if (!stream.rewrite(out)) {
            throw new IllegalStateException("not rewritten");
        }
        stream.count(out, 0);
        return out.length;
    }
}
