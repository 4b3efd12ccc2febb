package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The signaling limits against the started server: each refuses with its own error and counts in
 * {@code beam_limits_refused}, gives its places back when clients go, and leaves the endpoint
 * answering normally. Floods come from 127.0.0.x addresses of their own (inside the test's
 * network namespace every 127/8 address is loopback), so that other tests' clients on 127.0.0.1
 * keep their per-address allowance. bin/test makes the total and room limits small.
 */
class SignalingLimitsIT {
    private static final int PER_ADDRESS = TestServer.setting("SIGNALING_MAX_CONNECTIONS_PER_ADDRESS", 64);
    private static final int TOTAL = TestServer.setting("SIGNALING_MAX_CONNECTIONS", 2000);
    private static final int MAX_ROOMS = TestServer.setting("MAX_ROOMS", 10_000);
    private static final int BURST = TestServer.setting("SIGNALING_MESSAGE_BURST", 40);
    private static final int MAX_REFUSED = TestServer.setting("SIGNALING_MAX_REFUSED_MESSAGES", 100);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Test
    void connectionsPerAddressAreCappedWith429AndGivenBackOnClose() throws Exception {
        double refusedBefore = refused("connections-per-address");
        for (int round = 0; round < 3; round++) {
            // Later rounds prove the closes of the one before were counted down.
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (true) {
                List<RawWebSocket> open = new ArrayList<>();
                int status = 0;
                try {
                    for (int i = 0; i <= PER_ADDRESS && status == 0; i++) {
                        RawWebSocket socket = RawWebSocket.open("127.0.0.2", 0);
                        if (socket.upgraded()) {
                            open.add(socket);
                        } else {
                            status = socket.status();
                            socket.close();
                        }
                    }
                } finally {
                    open.forEach(RawWebSocket::close);
                }
                assertEquals(429, status, "round " + round + ": refused with 429 after " + open.size());
                if (open.size() == PER_ADDRESS) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "round " + round + ": only " + open.size()
                        + " admitted; the last round's closes were not counted down within " + SETTLE);
                Thread.sleep(250);
            }
        }
        assertTrue(refused("connections-per-address") >= refusedBefore + 3);
    }

    @Test
    void theTotalIsCappedWith503AndTheEndpointAnswersAfterTheFlood() throws Exception {
        double refusedBefore = refused("connections");
        for (int burst = 0; burst < 2; burst++) {
            List<RawWebSocket> open = new ArrayList<>();
            int status = 0;
            try {
                for (int address = 10; status == 0 && address < 10 + TOTAL / PER_ADDRESS + 2; address++) {
                    for (int i = 0; i < PER_ADDRESS; i++) {
                        RawWebSocket socket = RawWebSocket.open("127.0.0." + address, 0);
                        if (!socket.upgraded()) {
                            status = socket.status();
                            socket.close();
                            break;
                        }
                        open.add(socket);
                    }
                }
                // Not an exact count: these sockets never answer pings, and the heartbeat may close the
                // first of them (6 s under bin/test) while the burst is still opening the rest.
                assertEquals(503, status, "burst " + burst + ": refused once the server is full, after " + open.size());
            } finally {
                open.forEach(RawWebSocket::close);
            }
        }
        assertTrue(refused("connections") >= refusedBefore + 2);

        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
                JsonObject joined = client.request("join-room", "\"room\":\"after-flood\",\"role\":\"viewer\"");
                assertEquals("room-joined", joined.getString("type"), joined.toString());
                assertEquals("room-left", client.request("leave-room", "").getString("type"));
                return;
            } catch (java.util.concurrent.CompletionException refusedWhileClosesSettle) {
                assertTrue(System.nanoTime() < deadline, "the flood's connections counted down within " + SETTLE);
                Thread.sleep(250);
            }
        }
    }

    @Test
    void excessMessagesAreRateLimitedAndPersistentExcessCloses() throws Exception {
        double refusedBefore = refused("message-rate");
        try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
            for (int i = 1; i <= BURST + 20; i++) {
                client.send("{\"type\":\"leave-room\",\"id\":" + i + "}");
            }
            JsonObject limited = client.next(m -> "rate-limited".equals(m.getString("code", "")));
            assertEquals("error", limited.getString("type"));
            assertTrue(limited.containsKey("id") && limited.getJsonNumber("id").longValue() > BURST, limited.toString());
            assertTrue(client.isOpen(), "a burst alone does not close");
            assertTrue(refused("message-rate") > refusedBefore);

            for (int i = 0; i < MAX_REFUSED + 20 && client.isOpen(); i++) {
                client.send("{\"type\":\"leave-room\"}");
            }
            assertEquals(1008, client.awaitClose().code());
        }
    }

    @Test
    void roomsBeyondTheMaximumAreRefusedAndFreedWhenEmpty() throws Exception {
        double refusedBefore = refused("rooms");
        List<SignalingClient> members = new ArrayList<>();
        try {
            JsonObject refusal = null;
            for (int i = 0; i <= MAX_ROOMS + 5 && refusal == null; i++) {
                SignalingClient client = SignalingClient.connect(TestServer.uri());
                members.add(client);
                JsonObject reply = client.request("join-room", "\"room\":\"cap-" + i + "\",\"role\":\"viewer\"");
                if ("error".equals(reply.getString("type"))) {
                    refusal = reply;
                }
            }
            assertTrue(refusal != null, "refused within " + (MAX_ROOMS + 5) + " rooms");
            assertEquals("too-many-rooms", refusal.getString("code"), refusal.toString());
            assertEquals(1, refusal.getInt("id"));
            assertTrue(refused("rooms") > refusedBefore);
        } finally {
            members.forEach(SignalingClient::close);
        }
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
                JsonObject reply = client.request("join-room", "\"room\":\"cap-after\",\"role\":\"viewer\"");
                if ("room-joined".equals(reply.getString("type"))) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "rooms freed once their members left: " + reply);
            }
            Thread.sleep(200);
        }
    }

    /**
     * A broadcaster that never reads while viewers join and leave its room: it is cut (its queue
     * overflows, or a write to it times out) and leaves the room, so that another broadcaster can
     * join; none of the viewers' requests fails meanwhile.
     */
    @Test
    void aSlowReaderCutDuringRoomEventsNeverFailsAnotherClientsRequest() throws Exception {
        String room = "slow-reader-" + "x".repeat(52);
        double overflowsBefore = refused("outbox");
        int viewers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(viewers);
        AtomicBoolean cut = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (RawWebSocket slow = RawWebSocket.open("127.0.0.3", 4096);
             SignalingClient probe = SignalingClient.connect(TestServer.uri())) {
            assertTrue(slow.upgraded());
            slow.sendText("{\"type\":\"join-room\",\"id\":1,\"room\":\"" + room + "\",\"role\":\"broadcaster\"}");
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int v = 0; v < viewers; v++) {
                running.add(pool.submit(() -> {
                    try (SignalingClient viewer = SignalingClient.connect(TestServer.uri())) {
                        while (!cut.get() && System.nanoTime() < deadline) {
                            for (String[] request : new String[][] {
                                    {"join-room", "\"room\":\"" + room + "\",\"role\":\"viewer\"", "room-joined"},
                                    {"leave-room", "", "room-left"}}) {
                                JsonObject reply = viewer.request(request[0], request[1]);
                                requests.incrementAndGet();
                                if (!request[2].equals(reply.getString("type"))) {
                                    failures.add(reply.toString());
                                }
                                // Under the message rate: these clients must never be limited.
                                Thread.sleep(55);
                            }
                        }
                    }
                    return null;
                }));
            }
            while (!cut.get() && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                JsonObject reply = probe.request("join-room", "\"room\":\"" + room + "\",\"role\":\"broadcaster\"");
                cut.set("room-joined".equals(reply.getString("type")));
            }
            for (Future<?> viewer : running) {
                viewer.get(30, TimeUnit.SECONDS);
            }
            System.out.printf("slow reader: cut %s after %d requests; queue overflows counted: %.0f%n", cut.get(),
                    requests.get(), refused("outbox") - overflowsBefore);
            assertTrue(cut.get(), "the slow reader was cut and left its room; requests " + requests.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(failures), "every other request succeeded (" + requests.get() + ")");
    }

    private static double refused(String limit) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                TestServer.managementUri().resolve("/metrics?scope=application")).build(), HttpResponse.BodyHandlers.ofString());
        String prefix = "beam_limits_refused_total{limit=\"" + limit + "\"";
        return response.body().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
