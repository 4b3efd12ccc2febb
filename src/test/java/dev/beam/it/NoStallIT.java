package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input costs its sender, not everyone: while one client trickles host-name candidates (which
 * a lookup would have stalled on) and sends oversized offers, another client's join-room and consume
 * stay fast. Several measurements; the median must be under 200 ms and the worst is printed.
 */
class NoStallIT {
    private static final long LIMIT_MILLIS = 200;
    private static final int ROUNDS = 8;

    @RegisterExtension
    final OpenResources open = new OpenResources();
    private final PeerBroadcast broadcast = PeerBroadcast.inNewRoom("nostall", open);

    @Test
    void hostNameCandidatesAndOversizedOffersDelayNobodyElse() throws Exception {
        broadcast.start(0x0A0A0A0AL, 0x0B0B0B0BL);
        // The attacker: a viewer with a live transport, to trickle candidates into, and a second
        // connection sending offers far over the 16 KiB limit (but within the 32 KiB the message allows).
        TestPeer attackerPeer = open.keep(TestPeer.create(OfferSpec.receive()));
        PeerBroadcast.Viewing attackerSession = broadcast.consume(attackerPeer);
        SignalingClient candidates = attackerSession.signaling();
        String transportId = attackerSession.consumed().getString("transportId");
        attackerPeer.awaitConnected(PeerBroadcast.CONNECT); // so that its transport outlives the test
        SignalingClient offers = open.keep(SignalingClient.connect(TestServer.uri()));
        offers.request("join-room", broadcast.joinAs("viewer"));
        String viewerOffer = Fixtures.sdp("chromium-viewer-offer.sdp");
        String oversized = viewerOffer + ("a=x-pad:" + "y".repeat(200) + "\r\n").repeat(110);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger refusedCandidates = new AtomicInteger();
        AtomicInteger refusedOffers = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        Thread attacker = new Thread(() -> {
            try {
                for (int i = 0; running.get() && i < 2000; i++) {
                    JsonObject c = candidates.request("connect-transport", "\"transportId\":\"" + transportId
                            + "\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 stall-" + i
                            + ".beam-test.invalid 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
                    count(c, "invalid-message", refusedCandidates, unexpected);
                    JsonObject o = offers.request("consume", PeerBroadcast.sdpField(oversized));
                    count(o, "invalid-sdp", refusedOffers, unexpected);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nostall-attacker");
        attacker.start();

        List<Long> joins = new ArrayList<>();
        List<Long> consumes = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try (SignalingClient viewer = SignalingClient.connect(TestServer.uri())) {
                    long start = System.nanoTime();
                    JsonObject joined = viewer.request("join-room", broadcast.joinAs("viewer"));
                    joins.add((System.nanoTime() - start) / 1_000_000);
                    assertEquals("room-joined", joined.getString("type"));
                    start = System.nanoTime();
                    JsonObject consumed = viewer.request("consume", PeerBroadcast.sdpField(viewerOffer));
                    consumes.add((System.nanoTime() - start) / 1_000_000);
                    assertEquals("consumer-created", consumed.getString("type"), consumed.toString());
                }
            }
        } finally {
            running.set(false);
            attacker.join(SignalingClient.TIMEOUT.toMillis());
        }

        System.out.println("while a client sent " + refusedCandidates + " host-name candidates and " + refusedOffers
                + " oversized offers: join-room " + joins + " ms, consume " + consumes + " ms");
        assertTrue(oversized.length() > 28_000 && oversized.length() < 32_768, "under the message's own limit");
        assertTrue(unexpected.isEmpty(), "the attacker got its refusals: " + unexpected);
        assertTrue(refusedCandidates.get() > ROUNDS && refusedOffers.get() > ROUNDS, "the attack ran throughout");
        assertTrue(median(joins) < LIMIT_MILLIS, "join-room " + joins);
        assertTrue(median(consumes) < LIMIT_MILLIS, "consume " + consumes);
    }

    @Test
    void anMdnsCandidateIsTakenQuietlyAndAnIpCandidateToo() throws Exception {
        broadcast.start(0x0A0A0A0AL, 0x0B0B0B0BL);
        try (SignalingClient viewer = SignalingClient.connect(TestServer.uri())) {
            viewer.request("join-room", broadcast.joinAs("viewer"));
            String transportId = viewer.request("consume", PeerBroadcast.sdpField(
                    Fixtures.sdp("chromium-viewer-offer.sdp"))).getString("transportId");
            for (String candidate : new String[] {
                    "candidate:2 1 udp 2122260223 0a1b2c3d-1111-2222-3333-444455556666.local 54400 typ host generation 0",
                    "candidate:3 1 udp 2122260223 127.0.0.1 54401 typ host generation 0",
                    "candidate:4 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0", ""}) {
                JsonObject reply = viewer.request("connect-transport", "\"transportId\":\"" + transportId
                        + "\",\"candidate\":{\"candidate\":\"" + candidate + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
                assertEquals("transport-connected", reply.getString("type"), candidate + ": " + reply);
            }
        }
    }

    private static void count(JsonObject reply, String code, AtomicInteger refused, List<String> unexpected) {
        if ("error".equals(reply.getString("type")) && code.equals(reply.getString("code"))) {
            refused.incrementAndGet();
        } else {
            unexpected.add(reply.toString());
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
