package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Threads, descriptors and heap of the server come back to where they were after 2,000
 * join/leave cycles (on connections opened and closed along the way) and 500 produce/consume
 * cycles with Java test peers whose media connects, then goes.
 */
class LeakIT {
    private static final int PARALLEL = 4;
    private static final int JOIN_LEAVE_CYCLES = 2_000;
    private static final int MEDIA_CYCLES = 500;
    /** One cycle in this many also ends the broadcast and starts it again. */
    private static final int PRODUCE_EVERY = 10;
    /** Cycles per signaling connection: 2-3 messages each, inside SIGNALING_MESSAGE_BURST. */
    private static final int CYCLES_PER_CONNECTION = 10;
    /** Room names per client: the rooms stay for ROOM_IDLE_TIMEOUT, so their number stays small. */
    private static final int ROOMS_PER_CLIENT = 10;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int THREAD_MARGIN = 10;
    private static final int DESCRIPTOR_MARGIN = 20;
    private static final long HEAP_MARGIN = 32L * 1024 * 1024;

    private final String prefix = "leak-" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void joinLeaveAndProduceConsumeCyclesLeaveNothingBehind() throws Exception {
        ServerProcess server = ServerProcess.started();
        // The first round loads classes and grows pools to what this load needs.
        run(200, 40);
        steady(server);
        ServerProcess.Usage baseline = server.usageAfterGc();
        System.out.println("leak IT: baseline " + baseline + ", descriptors " + server.descriptorKinds());

        long started = System.nanoTime();
        run(JOIN_LEAVE_CYCLES, MEDIA_CYCLES);
        System.out.printf("leak IT: %d join/leave and %d produce/consume cycles in %.1f s; right after: %d threads, %d descriptors%n",
                JOIN_LEAVE_CYCLES, MEDIA_CYCLES, (System.nanoTime() - started) / 1e9, server.threads(), server.descriptors());

        // Threads and descriptors must come back without a collection: nothing collects when
        // only descriptors run out.
        ServerProcess.Usage beforeGc = settled(server, baseline);
        String kindsBeforeGc = server.descriptorKinds().toString();
        ServerProcess.Usage after = server.usageAfterGc();
        String report = "baseline " + baseline + "; without a collection " + beforeGc.threads() + " threads, "
                + beforeGc.descriptors() + " descriptors " + kindsBeforeGc + "; after one " + after + " "
                + server.descriptorKinds();
        System.out.println("leak IT: " + report);
        assertTrue(beforeGc.threads() <= baseline.threads() + THREAD_MARGIN, "threads: " + report);
        assertTrue(beforeGc.descriptors() <= baseline.descriptors() + DESCRIPTOR_MARGIN, "descriptors: " + report);
        assertTrue(after.heapBytes() <= baseline.heapBytes() + HEAP_MARGIN, "heap: " + report);
    }

    /** Both kinds of cycles, spread over {@link #PARALLEL} clients at once. */
    private void run(int joinLeaveCycles, int mediaCycles) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < PARALLEL; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    joinLeave(client, joinLeaveCycles / PARALLEL);
                    produceConsume(client, mediaCycles / PARALLEL);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(3, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Joins and leaves rooms, on a fresh connection every {@link #CYCLES_PER_CONNECTION} cycles:
     * faster than any browser, so within the message rate's burst per connection.
     */
    private void joinLeave(int client, int cycles) throws Exception {
        SignalingClient signaling = null;
        try {
            for (int i = 0; i < cycles; i++) {
                if (i % CYCLES_PER_CONNECTION == 0) {
                    if (signaling != null) {
                        signaling.close();
                    }
                    signaling = SignalingClient.connect(TestServer.uri());
                }
                String room = prefix + "-jl-" + client + "-" + i % ROOMS_PER_CLIENT;
                String role = i % 2 == 0 ? "viewer" : "broadcaster";
                assertEquals("room-joined", signaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"" + role + "\"")
                        .getString("type"));
                assertEquals("room-left", signaling.request("leave-room", "").getString("type"));
            }
        } finally {
            if (signaling != null) {
                signaling.close();
            }
        }
    }

    /**
     * A viewer joins, consumes, connects its media and leaves, each cycle with a new peer; every
     * {@link #PRODUCE_EVERY} cycles the broadcaster stops and produces again with a new peer.
     */
    private void produceConsume(int client, int cycles) throws Exception {
        String room = prefix + "-media-" + client;
        TestPeer broadcaster = null;
        SignalingClient viewerSignaling = null;
        try (SignalingClient broadcasterSignaling = SignalingClient.connect(TestServer.uri())) {
            broadcasterSignaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
            for (int i = 0; i < cycles; i++) {
                if (i % CYCLES_PER_CONNECTION == 0) {
                    if (viewerSignaling != null) {
                        viewerSignaling.close();
                    }
                    viewerSignaling = SignalingClient.connect(TestServer.uri());
                }
                if (i % PRODUCE_EVERY == 0) {
                    if (broadcaster != null) {
                        assertEquals("producer-closed", broadcasterSignaling.request("close-producer", "").getString("type"));
                        broadcaster.close();
                    }
                    broadcaster = TestPeer.create(OfferSpec.send(1, 2));
                    JsonObject produced = broadcasterSignaling.request("produce", "\"sdp\":" + Fixtures.jsonString(broadcaster.offer()));
                    assertEquals("producer-created", produced.getString("type"), produced.toString());
                    broadcaster.accept(produced.getString("sdp"));
                    broadcaster.awaitConnected(CONNECT);
                }
                try (TestPeer viewer = TestPeer.create(OfferSpec.receive())) {
                    viewerSignaling.request("join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"");
                    JsonObject consumed = viewerSignaling.request("consume", "\"sdp\":" + Fixtures.jsonString(viewer.offer()));
                    assertEquals("consumer-created", consumed.getString("type"), consumed.toString());
                    viewer.accept(consumed.getString("sdp"));
                    viewer.awaitConnected(CONNECT);
                    assertEquals("room-left", viewerSignaling.request("leave-room", "").getString("type"));
                }
            }
            broadcasterSignaling.request("leave-room", "");
        } finally {
            if (viewerSignaling != null) {
                viewerSignaling.close();
            }
            if (broadcaster != null) {
                broadcaster.close();
            }
        }
    }

    /** Waits (at most {@link #SETTLE}) until threads and descriptors stay the same for 3 s. */
    private static void steady(ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int steadyFor = 0;
        int lastThreads = -1;
        int lastDescriptors = -1;
        while (System.nanoTime() < deadline && steadyFor < 3) {
            int threads = server.threads();
            int descriptors = server.descriptors();
            steadyFor = threads == lastThreads && descriptors == lastDescriptors ? steadyFor + 1 : 0;
            lastThreads = threads;
            lastDescriptors = descriptors;
            Thread.sleep(1000);
        }
    }

    /**
     * Threads and descriptors, polled each second until both are within the margins of
     * {@code baseline}, at most {@link #SETTLE}; no collection is forced.
     */
    private static ServerProcess.Usage settled(ServerProcess server, ServerProcess.Usage baseline) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            int threads = server.threads();
            int descriptors = server.descriptors();
            boolean back = threads <= baseline.threads() + THREAD_MARGIN && descriptors <= baseline.descriptors() + DESCRIPTOR_MARGIN;
            if (back || System.nanoTime() > deadline) {
                return new ServerProcess.Usage(threads, descriptors, -1);
            }
            Thread.sleep(1000);
        }
    }
}
