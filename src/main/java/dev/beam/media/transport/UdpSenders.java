package dev.beam.media.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The media port's batched senders: a lane per media worker thread, holding one {@link UdpBatch}
 * per local address of the port. A worker's task sends into its thread's lane, and the lane is
 * flushed when a worker's turn or the task ends, so what one turn sends (a packet to a whole
 * shard of viewers) goes out in a few system calls. Threads that are not media workers have no lane and send
 * through ice4j, one datagram at a time.
 */
public final class UdpSenders implements AutoCloseable {
    /** One thread's batches, by local address. */
    private static final class Lane {
        final InetAddress[] addresses;
        final UdpBatch[] batches;

        Lane(InetAddress[] addresses, UdpBatch[] batches) {
            this.addresses = addresses;
            this.batches = batches;
        }

        UdpBatch batchFor(InetAddress local) {
            for (int i = 0; i < addresses.length; i++) {
                if (addresses[i].equals(local)) {
                    return batches[i];
                }
            }
            return null;
        }

        void flush() {
            for (UdpBatch batch : batches) {
                batch.flush();
            }
        }
    }

    private final ConcurrentLinkedQueue<Lane> free = new ConcurrentLinkedQueue<>();
    private final List<Lane> all = new ArrayList<>();
    private final ThreadLocal<Lane> lanes = new ThreadLocal<>();

    private UdpSenders() {
    }

    /** No batching: every send goes through ice4j. */
    static UdpSenders none() {
        return new UdpSenders();
    }

    /**
     * Binds {@code laneCount} lanes on {@code port} of each address, before ice4j binds its own
     * sockets there (the last bound receives). None when sendmmsg is not available here.
     */
    static UdpSenders bind(List<InetAddress> addresses, int port, int laneCount) throws IOException {
        UdpSenders senders = new UdpSenders();
        if (!LibC.available()) {
            return senders;
        }
        InetAddress[] locals = addresses.toArray(InetAddress[]::new);
        try {
            for (int l = 0; l < laneCount; l++) {
                UdpBatch[] batches = new UdpBatch[locals.length];
                for (int a = 0; a < locals.length; a++) {
                    batches[a] = UdpBatch.bind(new InetSocketAddress(locals[a], port));
                }
                Lane lane = new Lane(locals, batches);
                senders.all.add(lane);
                senders.free.add(lane);
            }
        } catch (IOException e) {
            senders.close();
            throw e;
        }
        return senders;
    }

    /** Lanes bound: how many threads can send in batches. */
    public int lanes() {
        return all.size();
    }

    /**
     * Runs a media worker's task with a lane of its thread's own (taken on the thread's first
     * task, while any is free), and sends what the task queued when it ends.
     */
    public void runBatched(Runnable task) {
        Lane lane = lanes.get();
        if (lane == null) {
            lane = free.poll();
            if (lane != null) {
                lanes.set(lane);
            }
        }
        try {
            task.run();
        } finally {
            if (lane != null) {
                lane.flush();
            }
        }
    }

    /** Datagrams the kernel refused to send, over all lanes. */
    public long failed() {
        long failed = 0;
        for (Lane lane : all) {
            for (UdpBatch batch : lane.batches) {
                failed += batch.failed();
            }
        }
        return failed;
    }

    /** Sends what this thread's lane holds now, before its task ends. */
    public void flush() {
        Lane lane = lanes.get();
        if (lane != null) {
            lane.flush();
        }
    }

    /** This thread's batch for the local address, or null when it has no lane. */
    UdpBatch current(InetAddress local) {
        Lane lane = lanes.get();
        return lane == null ? null : lane.batchFor(local);
    }

    @Override
    public void close() {
        for (Lane lane : all) {
            for (UdpBatch batch : lane.batches) {
                if (batch != null) {
                    batch.close();
                }
            }
        }
        all.clear();
        free.clear();
    }
}
