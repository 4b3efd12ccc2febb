package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.Answer;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.PeerConnection;
import dev.beam.testpeer.TestPeer;
import dev.beam.testpeer.stun.Stun;
import dev.beam.testpeer.stun.StunMessageBuilder;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The media port under hostile input, against the started server: STUN from a thousand sources,
 * garbage aimed at a viewer, peers that stall their DTLS handshakes, and more sessions opened
 * than may be pending. A canary broadcast in a room of its own (the load generator's publisher
 * and viewers) must lose nothing meanwhile. Run with the short timeouts and caps bin/test gives
 * the server (consent 1 s / 15 s, connect 6 s, 32 handshakes, 100 pending sessions).
 */
class HostileMediaIT {
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final long AUDIO_SSRC = 0x0A0A0A0AL;
    private static final long VIDEO_SSRC = 0x0B0B0B0BL;

    private final String room = "hostile-" + UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void stunFromAThousandSourcesNamingALiveSessionCostsOnlyABoundedTable() throws Exception {
        Answer answer = Answer.parse(broadcast(room).sdp());
        InetSocketAddress server = answer.candidates().get(0);
        ServerProcess process = ServerProcess.started();
        int threadsBefore = process.threads();
        int fdsBefore = process.descriptors();
        double unauthenticatedBefore = Metrics.value("beam_media_drops", "reason=\"unauthenticated\"");
        double refusedBefore = Metrics.value("beam_limits_refused_total", "limit=\"ice-sources\"");

        // A third without MESSAGE-INTEGRITY, a third with a wrong one, a third signed with the
        // session's real password (as its own peer could): each from its own address and port.
        String username = answer.ice().ufrag() + ":attack";
        byte[] password = answer.ice().password().getBytes(StandardCharsets.UTF_8);
        byte[] wrong = "not the session's password".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        int signed = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] key = i % 3 == 0 ? null : i % 3 == 1 ? wrong : password;
            signed += key == password ? 1 : 0;
            byte[] id = new byte[12];
            random.nextBytes(id);
            byte[] request = new StunMessageBuilder(Stun.BINDING_REQUEST, id).username(username).priority(1)
                    .iceControlling(random.nextLong()).build(key, true);
            InetAddress source = InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 250), (byte) (1 + i % 250)});
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.bind(new InetSocketAddress(source, 0));
                channel.send(ByteBuffer.wrap(request), server);
            }
            if (i % 50 == 49) {
                Thread.sleep(10); // paced, so that the kernel's receive buffer drops none
            }
        }
        int unsigned = 1000 - signed;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Metrics.value("beam_media_drops", "reason=\"unauthenticated\"") - unauthenticatedBefore < unsigned
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        int threadsAfter = process.threads();
        int fdsAfter = process.descriptors();
        double unauthenticated = Metrics.value("beam_media_drops", "reason=\"unauthenticated\"") - unauthenticatedBefore;
        double refused = Metrics.value("beam_limits_refused_total", "limit=\"ice-sources\"") - refusedBefore;
        System.out.printf("STUN from 1000 sources naming a live ufrag: threads %d -> %d, file descriptors %d -> %d; "
                + "%.0f unauthenticated dropped, %.0f signed refused over the per-session cap%n",
                threadsBefore, threadsAfter, fdsBefore, fdsAfter, unauthenticated, refused);
        assertEquals(unsigned, unauthenticated, 0.0, "every unsigned or wrongly signed request dropped before ice4j");
        assertTrue(refused >= signed - 8, "signed ones beyond the per-session cap refused: " + refused);
        assertTrue(threadsAfter - threadsBefore <= 40, "threads " + threadsBefore + " -> " + threadsAfter);
        assertTrue(fdsAfter - fdsBefore <= 40, "file descriptors " + fdsBefore + " -> " + fdsAfter);
    }

    @Test
    void garbageToAViewerNeitherKeepsItAliveNorCostsABroadcastInAnotherRoomAnything() throws Exception {
        Canary canary = open.keep(Canary.start(4, 16));
        broadcast(room);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        Watching watching = watch(viewer, room);
        String ufrag = Answer.parse(watching.sdp()).ice().ufrag();
        InetSocketAddress server = Answer.parse(watching.sdp()).candidates().get(0);
        canary.awaitMeasuring(Duration.ofSeconds(30));
        double srtpFailuresBefore = Metrics.value("beam_media_srtp_failures", "");

        List<DatagramChannel> strangers = new ArrayList<>();
        for (String address : List.of("127.0.0.1", "127.3.0.1", "127.3.0.2", "127.3.0.3")) {
            DatagramChannel channel = open.keep(DatagramChannel.open());
            channel.bind(new InetSocketAddress(address, 0));
            strangers.add(channel);
        }
        viewer.answerConsentChecks(false);
        long stopped = System.nanoTime();
        Duration limit = TestServer.consentTimeout().plus(TestServer.consentInterval());
        long deadline = stopped + limit.plusSeconds(5).toNanos();
        Random random = new Random(7);
        int sent = 0;
        while (TestServer.listedAsViewer(room, watching.peerId()) && System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++, sent++) {
                byte[] garbage = garbage(random, ufrag);
                if (i % 2 == 0) {
                    viewer.sendRaw(garbage);
                } else {
                    strangers.get(i / 2 % strangers.size()).send(ByteBuffer.wrap(garbage), server);
                }
            }
            Thread.sleep(30);
        }
        Duration closedAfter = Duration.ofNanos(System.nanoTime() - stopped);
        double srtpFailures = Metrics.value("beam_media_srtp_failures", "") - srtpFailuresBefore;
        System.out.printf("a viewer that stopped answering, sent %d garbage datagrams (half from its own address), "
                + "closed after %d ms; %.0f failed SRTP on its own worker%n", sent, closedAfter.toMillis(), srtpFailures);
        assertFalse(TestServer.listedAsViewer(room, watching.peerId()), "closed although garbage kept coming from its address");
        assertTrue(closedAfter.compareTo(limit.plusSeconds(1)) <= 0, "within one consent timeout plus one interval: "
                + closedAfter);
        assertTrue(srtpFailures > 0, "garbage from the viewer's own address reached SRTP, and failed");
        assertCanaryLostNothing(canary.await(Duration.ofSeconds(60)));
    }

    @Test
    void stalledHandshakesHoldNoThreadAreCappedAndClosedAtTheConnectDeadlineWhileABroadcastLosesNothing() throws Exception {
        broadcast(room);
        int stallers = 80;
        int helloOnly = 70;
        // The stallers' sockets, certificates and signaling first, so that the window the canary
        // measures holds only what the server does: their offers, ICE and stalled handshakes.
        StallingPeers peers = open.keep(StallingPeers.join(room, stallers, helloOnly));
        Canary canary = open.keep(Canary.start(4, 16));
        canary.awaitMeasuring(Duration.ofSeconds(30));
        double refusedBefore = Metrics.value("beam_limits_refused_total", "limit=\"dtls-handshakes\"");
        int pendingBefore = (int) Metrics.value("beam_media_pending_sessions", "");

        long started = System.nanoTime();
        StallingPeers.Offers offers = peers.offerAll();
        long lastOpened = System.nanoTime();
        assertEquals(stallers, offers.answered(), "every staller's offer answered");

        ServerProcess process = ServerProcess.started();
        int maxInFlight = 0;
        int dtlsThreadsSeen = -1;
        int dtlsThreadsAtCap = 0;
        long settle = lastOpened + TestServer.connectTimeout().plusSeconds(4).toNanos();
        int pending;
        do {
            Thread.sleep(100);
            int inFlight = (int) Metrics.value("beam_media_dtls_handshakes_in_flight", "");
            maxInFlight = Math.max(maxInFlight, inFlight);
            if (inFlight == TestServer.maxHandshakes() && dtlsThreadsSeen < 0) {
                // Every handshake in flight is blocked waiting for its peer: none may hold a thread.
                dtlsThreadsSeen = process.platformThreadsIn("org.bouncycastle.tls.");
                dtlsThreadsAtCap = inFlight;
            }
            pending = (int) Metrics.value("beam_media_pending_sessions", "");
        } while (pending > pendingBefore && System.nanoTime() < settle);
        Duration drained = Duration.ofNanos(System.nanoTime() - started);
        int iceConnected = peers.iceConnected();
        double refused = Metrics.value("beam_limits_refused_total", "limit=\"dtls-handshakes\"") - refusedBefore;
        System.out.printf("%d peers stalled their DTLS (%d after a ClientHello), %d completed ICE: at most %d handshakes "
                + "in flight (cap %d), %.0f refused; all their sessions closed %d ms after the first offer "
                + "(offers took %d ms); with %d in flight, %d platform threads in BouncyCastle's DTLS%n", stallers,
                helloOnly, iceConnected, maxInFlight, TestServer.maxHandshakes(), refused, drained.toMillis(),
                offers.took().toMillis(), dtlsThreadsAtCap, dtlsThreadsSeen);
        Canary.Result canaryResult = canary.await(Duration.ofSeconds(60));
        assertTrue(iceConnected >= stallers * 3 / 4, "most stallers completed ICE: " + iceConnected);
        assertTrue(maxInFlight <= TestServer.maxHandshakes(), "handshakes in flight within the cap: " + maxInFlight);
        assertTrue(dtlsThreadsSeen >= 0, "the cap of handshakes in flight was reached and the threads looked at");
        // At most the one handshake that may be computing (half the cores) is on a thread.
        assertTrue(dtlsThreadsSeen <= 1, "stalled handshakes hold no platform thread: " + dtlsThreadsSeen
                + " in BouncyCastle's DTLS with " + dtlsThreadsAtCap + " in flight");
        assertTrue(refused >= 1, "ClientHellos beyond the cap were refused, with the metric");
        assertTrue(pending <= pendingBefore, "every stalled session closed at the connect deadline: " + pending
                + " pending");
        assertEquals(0, (int) Metrics.value("beam_media_dtls_handshakes_in_flight", ""), "no handshake left in flight");
        assertCanaryHeldUp(canaryResult);
    }

    @Test
    void sessionsBeyondThePendingCapAreRefusedWithServerBusy() throws Exception {
        String otherRoom = room + "-b";
        broadcast(room);
        broadcast(otherRoom);
        int attempts = TestServer.maxPendingSessions() + 10;
        List<JoinedViewers.Viewer> viewers = new ArrayList<>(
                JoinedViewers.join(attempts / 2, room, i -> PeerConnection.Dtls.SILENT, open));
        viewers.addAll(JoinedViewers.join(attempts - attempts / 2, otherRoom, i -> PeerConnection.Dtls.SILENT, open));
        double refusedBefore = Metrics.value("beam_limits_refused_total", "limit=\"pending-sessions\"");

        // Offers never followed by ICE: each session stays pending until its connect deadline.
        List<JsonObject> replies = JoinedViewers.consumeAll(viewers, false);
        long busy = replies.stream().filter(reply -> "error".equals(reply.getString("type"))).count();
        long opened = replies.size() - busy;
        double refused = Metrics.value("beam_limits_refused_total", "limit=\"pending-sessions\"") - refusedBefore;
        System.out.printf("%d offers never followed by ICE: %d opened, %d refused with server-busy (cap %d)%n",
                attempts, opened, busy, TestServer.maxPendingSessions());
        assertTrue(busy >= 1, "offers beyond the cap refused");
        assertTrue(replies.stream().filter(reply -> "error".equals(reply.getString("type")))
                .allMatch(reply -> "server-busy".equals(reply.getString("code"))), "with server-busy");
        assertTrue(opened <= TestServer.maxPendingSessions());
        assertEquals(busy, refused, 0.0, "each refusal counted");
        long deadline = System.nanoTime() + TestServer.connectTimeout().plusSeconds(4).toNanos();
        while (Metrics.value("beam_media_pending_sessions", "") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, (int) Metrics.value("beam_media_pending_sessions", ""), "all closed at the connect deadline");
        TestPeer late = open.keep(TestPeer.create(OfferSpec.receive()));
        watch(late, room);
        assertTrue(late.isConnected(), "once they are gone, a new viewer connects");
    }

    /** Nothing lost, and the target latency: what the stallers cost the server shows in the canary's p99. */
    private static void assertCanaryHeldUp(Canary.Result canary) throws Exception {
        assertCanaryLostNothing(canary);
        assertTrue(canary.p99Ms() < 100, "canary p99 latency under 100 ms: " + canary.p99Ms());
    }

    private static void assertCanaryLostNothing(Canary.Result canary) throws Exception {
        report(canary);
        assertEquals(4, canary.connected(), "canary viewers connected");
        assertEquals(0, canary.disconnected(), "and stayed");
        assertEquals(0, canary.lost(), "the canary lost nothing");
    }

    private static void report(Canary.Result canary) throws Exception {
        System.out.printf("server drops so far: kernel (media port's socket buffer) %.0f, stale %.0f, receive %.0f,"
                + " forward %.0f, source %.0f, refused %.0f, send %.0f; SRTP failures %.0f; keyframe requests sent %.0f;"
                + " NACKs to broadcasters %.0f (the server saw a gap in what a broadcaster sent), from viewers %.0f%n",
                Metrics.value("beam_media_drops", "reason=\"kernel\""),
                Metrics.value("beam_media_drops", "reason=\"stale\""),
                Metrics.value("beam_media_drops", "reason=\"receive\""),
                Metrics.value("beam_media_drops", "reason=\"forward\""),
                Metrics.value("beam_media_drops", "reason=\"source\""),
                Metrics.value("beam_media_drops", "reason=\"refused\""),
                Metrics.value("beam_media_drops", "reason=\"send\""),
                Metrics.value("beam_media_srtp_failures", ""),
                Metrics.value("beam_media_keyframe_requests", "result=\"sent\""),
                Metrics.value("beam_media_nacks", "direction=\"to-broadcasters\""),
                Metrics.value("beam_media_nacks", "direction=\"from-viewers\""));
        System.out.printf("canary broadcast: %d viewers, %d packets delivered, %d lost (%d in its viewers' socket buffers),"
                + " latency p50 %.2f ms p99 %.2f ms max %.2f ms%n", canary.connected(), canary.delivered(), canary.lost(),
                canary.receiveBufferDrops(), canary.p50Ms(), canary.p99Ms(), canary.maxMs());
    }

    private record Producing(TestPeer peer, String sdp) {
    }

    private record Watching(String peerId, String sdp) {
    }

    private Producing broadcast(String inRoom) throws InterruptedException {
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        SignalingClient signaling = open.keep(SignalingClient.connect(TestServer.uri()));
        signaling.request("join-room", "\"room\":\"" + inRoom + "\",\"role\":\"broadcaster\"");
        JsonObject produced = signaling.request("produce", "\"sdp\":" + Fixtures.jsonString(broadcaster.offer()));
        broadcaster.accept(produced.getString("sdp"));
        broadcaster.awaitConnected(CONNECT);
        return new Producing(broadcaster, produced.getString("sdp"));
    }

    /** Joins as a viewer, consumes, connects and resumes. */
    private Watching watch(TestPeer viewer, String inRoom) throws InterruptedException {
        Watching watching = watchUnconnected(viewer, inRoom);
        viewer.awaitConnected(CONNECT);
        return watching;
    }

    /** Joins as a viewer and consumes; the peer starts ICE, and DTLS as it was told. */
    private Watching watchUnconnected(TestPeer viewer, String inRoom) throws InterruptedException {
        SignalingClient signaling = open.keep(SignalingClient.connect(TestServer.uri()));
        JsonObject joined = signaling.request("join-room", "\"room\":\"" + inRoom + "\",\"role\":\"viewer\"");
        JsonObject consumed = signaling.request("consume", "\"sdp\":" + Fixtures.jsonString(viewer.offer()));
        viewer.accept(consumed.getString("sdp"));
        signaling.send("{\"type\":\"resume-consumer\",\"consumerId\":\"" + consumed.getString("consumerId") + "\"}");
        return new Watching(joined.getString("peerId"), consumed.getString("sdp"));
    }

    /** One datagram of garbage: RTP, RTCP, STUN naming the session (unsigned), DTLS-range, or random. */
    private static byte[] garbage(Random random, String ufrag) {
        byte[] bytes = new byte[20 + random.nextInt(400)];
        random.nextBytes(bytes);
        switch (random.nextInt(5)) {
            case 0 -> {
                bytes[0] = (byte) 0x80;
                bytes[1] = (byte) (96 + random.nextInt(16));
            }
            case 1 -> {
                bytes[0] = (byte) 0x81;
                bytes[1] = (byte) 201;
            }
            case 2 -> {
                byte[] id = new byte[12];
                random.nextBytes(id);
                return new StunMessageBuilder(Stun.BINDING_REQUEST, id).username(ufrag + ":x").priority(1)
                        .build(random.nextBoolean() ? null : "wrong".getBytes(StandardCharsets.UTF_8), false);
            }
            case 3 -> bytes[0] = (byte) (20 + random.nextInt(44));
            default -> {
                // as random as it came
            }
        }
        return bytes;
    }

}
