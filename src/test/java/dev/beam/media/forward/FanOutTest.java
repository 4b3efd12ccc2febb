package dev.beam.media.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.KeyframeRequester;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.send.Outgoing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The sharded fan-out: parallel shards, isolation of slow shards and dead viewers, buffers returned. */
class FanOutTest {
    private static final long MS = 1_000_000;
    private static final SourceTrack AUDIO = new SourceTrack(MediaStats.Kind.AUDIO, "0", 111, "opus", 48_000, false,
            false);

    /** Runs shard turns by hand; tasks queue in the order shards were offered work. */
    private static final class Turns implements Executor {
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            waiting.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = waiting.poll()) != null) {
                task.run();
            }
        }
    }

    private static final class Viewer implements FanOut.Member {
        final String name;
        final List<Integer> got = new ArrayList<>();
        final List<Long> reports = new ArrayList<>();
        RuntimeException failure;
        boolean dead;

        Viewer(String name) {
            this.name = name;
        }

        @Override
        public void forward(Packet packet, Outgoing out) {
            if (dead) {
                throw new IllegalStateException(name + " is broken");
            }
            got.add(RtpPacket.sequenceNumber(packet.buf, 0));
        }

        @Override
        public void relaySenderReport(ReceiveStream from, long ntpTimestamp, long rtpTimestamp, Outgoing out) {
            reports.add(rtpTimestamp);
        }

        @Override
        public void failed(RuntimeException e) {
            failure = e;
        }
    }

    private long now = 1_000 * MS;
    private final Turns turns = new Turns();
    private final MediaStats stats = new MediaStats();
    private final FanOut fanOut = new FanOut("test", 2, turns, 200 * MS, () -> now, stats);
    private final PacketPool pool = new PacketPool(8);
    private final ReceiveStreams streams = new ReceiveStreams(List.of(AUDIO),
            (ssrc, track) -> new KeyframeRequester(() -> 0, 0, 0, false, new LongAdder(), (fir, seq) -> true));

    private Packet packet(int seq) {
        byte[] rtp = new byte[RtpPacket.FIXED_HEADER + 4];
        RtpPacket.writeFixedHeader(rtp, 0, false, 111, seq, seq, 0xAAAA);
        Packet packet = pool.take(rtp, 0, rtp.length, now);
        streams.attach(packet);
        return packet;
    }

    @Test
    void viewersAreDealtIntoShardsAndEachGetsEveryPacketInOrder() {
        Viewer a = new Viewer("a");
        Viewer b = new Viewer("b");
        Viewer c = new Viewer("c");
        fanOut.add(a);
        fanOut.add(b);
        fanOut.add(c);
        assertEquals("test [2, 1]", fanOut.toString());
        for (int seq = 1; seq <= 3; seq++) {
            fanOut.forward(packet(seq));
        }
        assertEquals(2, turns.waiting.size(), "one turn per shard, run in parallel on a pool");
        turns.runAll();
        for (Viewer viewer : List.of(a, b, c)) {
            assertEquals(List.of(1, 2, 3), viewer.got, viewer.name);
        }
        assertEquals(3, pool.created(), "no buffer held after every shard is done");
        assertEquals(List.of(1, 2, 3), List.of(packet(1), packet(2), packet(3)).stream()
                .map(p -> RtpPacket.sequenceNumber(p.buf, 0)).toList());
        assertEquals(3, pool.created(), "the same three buffers came back and were reused");
    }

    @Test
    void aSlowShardLosesOnlyItsStaleMediaAndHoldsUpNoOtherShard() {
        Viewer slow = new Viewer("slow");
        Viewer fast = new Viewer("fast");
        fanOut.add(slow);
        fanOut.add(fast);
        fanOut.forward(packet(1));
        Runnable slowTurn = turns.waiting.poll(); // the first shard's turn does not come yet
        turns.runAll();
        assertEquals(List.of(1), fast.got, "the other shard went ahead");

        now += 250 * MS;
        fanOut.forward(packet(2));
        turns.runAll();
        slowTurn.run();
        assertEquals(List.of(2), slow.got, "packet 1 waited 250 ms: dropped, never sent late");
        assertEquals(1, stats.staleDrops.sum());
        assertEquals(List.of(1, 2), fast.got);
    }

    @Test
    void aViewerWhosePathFailsIsClosedAndItsShardMatesGoOn() {
        Viewer dead = new Viewer("dead");
        Viewer other = new Viewer("other");
        Viewer third = new Viewer("third");
        fanOut.add(dead);
        fanOut.add(other);
        fanOut.add(third); // the same shard as the dead one
        dead.dead = true;
        fanOut.forward(packet(1));
        fanOut.forward(packet(2));
        turns.runAll();
        assertTrue(dead.failure != null, "told to close");
        assertEquals(List.of(), dead.got);
        assertEquals(List.of(1, 2), third.got);
        assertEquals(List.of(1, 2), other.got);
        assertEquals(2, fanOut.size(), "and out of the fan-out");
    }

    @Test
    void senderReportsReachEveryViewerOnItsShard() {
        Viewer a = new Viewer("a");
        Viewer b = new Viewer("b");
        fanOut.add(a);
        fanOut.add(b);
        Packet p = packet(1);
        fanOut.relaySenderReport(p.stream(), 1L << 32, 90_000);
        p.release();
        turns.runAll();
        assertEquals(List.of(90_000L), a.reports);
        assertEquals(List.of(90_000L), b.reports);
    }

    @Test
    void withNoViewersThePacketGoesStraightBack() {
        fanOut.forward(packet(1));
        assertEquals(0, turns.waiting.size());
        packet(2);
        assertEquals(1, pool.created(), "its buffer was reused");
    }
}
