package dev.beam.media.forward;

import dev.beam.media.MediaStats;
import dev.beam.media.pipeline.PacketWorker;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.send.Outgoing;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends each packet of one broadcast to all its viewers, spread over every core: viewers are
 * dealt into shards, and each shard runs on its own {@link PacketWorker}, so the shards of one
 * packet go out in parallel while each viewer's packets stay in order. A packet is shared read
 * only by the shards it goes to and given back when the last is done with it.
 *
 * <p>A viewer is isolated from the others: what it costs is bounded (rewrite, encrypt, one
 * non-blocking send), a failure in its path is contained and reported, and a packet that waited
 * too long in a shard's queue is dropped rather than sent late.
 */
public final class FanOut {
    private static final Logger LOG = Logger.getLogger(FanOut.class.getName());
    private static final int SHARD_QUEUE = 512;

    /** A viewer as the fan-out sees it. */
    public interface Member {
        /** Sends the packet on to this viewer, building its copy in {@code out}; never blocks. */
        void forward(Packet packet, Outgoing out);

        /**
         * Passes a broadcaster's sender report on (RFC 3550 §6.4.1), in order with the packets;
         * {@code ntpTimestamp} is already on the server's clock.
         */
        void relaySenderReport(ReceiveStream from, long ntpTimestamp, long rtpTimestamp, Outgoing out);

        /** Its path threw: it is to be closed; the others go on. */
        void failed(RuntimeException e);
    }

    private final String name;
    private final Shard[] shards;
    /** The shards one packet goes to, chosen once so that each is given exactly one reference. */
    private final Shard[] targets;
    private final MediaStats stats;

    /**
     * @param shardCount how many shards (and so cores) one broadcast's fan-out may use
     * @param maxDelayNanos media older than this when its turn comes is dropped, not sent late
     */
    public FanOut(String name, int shardCount, Executor executor, long maxDelayNanos, LongSupplier nanoTime,
            MediaStats stats) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shards " + shardCount);
        }
        this.name = name;
        this.stats = stats;
        this.shards = new Shard[shardCount];
        this.targets = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard(name + " shard " + i, executor, maxDelayNanos, nanoTime, stats);
        }
    }

    /** Adds a viewer to the shard with the fewest. */
    public void add(Member member) {
        Shard least = shards[0];
        for (Shard shard : shards) {
            if (shard.size() < least.size()) {
                least = shard;
            }
        }
        least.add(member);
    }

    public void remove(Member member) {
        for (Shard shard : shards) {
            shard.remove(member);
        }
    }

    /** Viewers now. */
    public int size() {
        int size = 0;
        for (Shard shard : shards) {
            size += shard.size();
        }
        return size;
    }

    /**
     * Terminal stage of a broadcaster's receive path: takes the packet and hands it to every
     * shard with viewers. Called by the broadcaster's worker only, one packet at a time.
     */
    public void forward(Packet packet) {
        int holders = 0;
        for (Shard shard : shards) {
            if (shard.size() > 0) {
                targets[holders++] = shard;
            }
        }
        if (holders == 0) {
            packet.release();
            return;
        }
        packet.retain(holders - 1);
        for (int i = 0; i < holders; i++) {
            Shard shard = targets[i];
            if (!shard.offer(packet)) {
                stats.forwardDrops.add(shard.size());
                packet.release();
            }
        }
    }

    /** Passes a sender report to every viewer, each on its shard. */
    public void relaySenderReport(ReceiveStream from, long ntpTimestamp, long rtpTimestamp) {
        for (Shard shard : shards) {
            shard.relaySenderReport(from, ntpTimestamp, rtpTimestamp);
        }
    }

    @Override
    public String toString() {
        return name + " " + Arrays.stream(shards).mapToInt(Shard::size).boxed().toList();
    }

    /** Some of the viewers, and the one thread at a time that sends to them. */
    private static final class Shard {
        private final String name;
        private final PacketWorker<Packet> worker;
        private final Outgoing out = new Outgoing();
        private volatile Member[] members = new Member[0];

        Shard(String name, Executor executor, long maxDelayNanos, LongSupplier nanoTime, MediaStats stats) {
            this.name = name;
            this.worker = new PacketWorker<>(name, executor, SHARD_QUEUE, maxDelayNanos, nanoTime, this::send,
                    stats.staleDrops);
        }

        int size() {
            return members.length;
        }

        synchronized void add(Member member) {
            Member[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = member;
            members = grown;
        }

        synchronized void remove(Member member) {
            members = Arrays.stream(members).filter(m -> m != member).toArray(Member[]::new);
        }

        boolean offer(Packet packet) {
            return worker.offer(packet);
        }

        void relaySenderReport(ReceiveStream from, long ntpTimestamp, long rtpTimestamp) {
            if (members.length == 0) {
                return;
            }
            worker.execute(() -> {
                for (Member member : members) {
                    try {
                        member.relaySenderReport(from, ntpTimestamp, rtpTimestamp, out);
                    } catch (RuntimeException e) {
                        failed(member, e);
                    }
                }
            });
        }

        private void send(Packet packet) {
            try {
                for (Member member : members) {
                    try {
                        member.forward(packet, out.forwarding(packet));
                    } catch (RuntimeException e) {
                        failed(member, e);
                    }
                }
            } finally {
                packet.release();
            }
        }

        private void failed(Member member, RuntimeException e) {
            LOG.log(Level.WARNING, "[" + name + "] a viewer's send path failed; closing it", e);
            remove(member);
            member.failed(e);
        }
    }
}
