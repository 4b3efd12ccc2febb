package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Media sessions per client address and in total, against the started server with the small limits
 * bin/test gives it: each limit refuses with {@code too-many-sessions} and counts in
 * {@code beam_limits_refused}; a place is given back when its session ends, by the client's leaving or
 * by the server's closing it, which the client hears as {@code transport-closed}. The second address is
 * 127.0.0.2: the whole of 127/8 is loopback.
 */
class MediaLimitsIT {
    private static final String OTHER_ADDRESS = "127.0.0.2";

    @RegisterExtension
    final OpenResources open = new OpenResources();
    private final PeerBroadcast broadcast = PeerBroadcast.inNewRoom("limits", open);

    @Test
    void sessionsAreLimitedPerAddressAndInTotalAndGivenBackWhenTheyEnd() throws Exception {
        int perAddress = TestServer.sessionsPerAddress();
        int max = TestServer.sessionsMax();
        double perAddressBefore = refused("sessions-per-address");
        double totalBefore = refused("sessions");
        broadcast.start(0x0A0A0A0AL, 0x0B0B0B0BL);

        // From 127.0.0.1: viewers until the address is full (other tests' sessions may still hold places).
        JsonObject refusal = null;
        SignalingClient lastViewer = null;
        for (int i = 0; i < perAddress && refusal == null; i++) {
            SignalingClient signaling = open.keep(SignalingClient.connect(TestServer.uri()));
            JsonObject reply = broadcast.tryWatch(signaling::request, open.keep(TestPeer.create(OfferSpec.receive())));
            if (reply.getString("type").equals("error")) {
                refusal = reply;
            } else {
                lastViewer = signaling;
            }
        }
        assertRefused(refusal, "per address");
        assertTrue(refused("sessions-per-address") > perAddressBefore, "counted in beam_limits_refused");

        // From 127.0.0.2: viewers until the server is full.
        refusal = null;
        TestPeer expiring = null;
        BoundSignalingClient expiringSignaling = null;
        String expiringTransport = null;
        for (int i = 0; i <= max - perAddress && refusal == null; i++) {
            BoundSignalingClient signaling = open.keep(BoundSignalingClient.connect(TestServer.uri(), OTHER_ADDRESS));
            TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
            JsonObject reply = broadcast.tryWatch(signaling::request, viewer);
            if (reply.getString("type").equals("error")) {
                refusal = reply;
            } else {
                expiring = viewer;
                expiringSignaling = signaling;
                expiringTransport = reply.getString("transportId");
            }
        }
        assertRefused(refusal, "its limit");
        assertTrue(refused("sessions") > totalBefore, "counted in beam_limits_refused");
        assertTrue(expiring != null, "127.0.0.2 got sessions before the server was full");

        // A viewer that leaves gives its place back, to its address and to the server.
        lastViewer.close();
        assertConsumesSoon(open.keep(SignalingClient.connect(TestServer.uri())));

        // A viewer the server closes (consent expired) is told, and its place is given back too.
        expiring.answerConsentChecks(false);
        long wait = TestServer.consentTimeout().plus(TestServer.consentInterval()).plusSeconds(5).toMillis();
        JsonObject closed = expiringSignaling.next("transport-closed", wait);
        assertEquals(expiringTransport, closed.getString("transportId"));
        assertTrue(!closed.getString("reason").isBlank(), closed.toString());
        TestPeer again = open.keep(TestPeer.create(OfferSpec.receive()));
        JsonObject reply = expiringSignaling.request("consume", PeerBroadcast.sdpField(again.offer()));
        assertEquals("consumer-created", reply.getString("type"), reply.toString());
    }

    /** A viewer on this connection gets a session within a few seconds (the server handles the close first). */
    private void assertConsumesSoon(SignalingClient signaling) throws InterruptedException {
        signaling.request("join-room", broadcast.joinAs("viewer"));
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonObject reply;
        do {
            reply = signaling.request("consume", PeerBroadcast.sdpField(viewer.offer()));
        } while (reply.getString("type").equals("error") && System.nanoTime() < deadline && pause());
        assertEquals("consumer-created", reply.getString("type"), reply.toString());
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private static void assertRefused(JsonObject refusal, String says) {
        assertTrue(refusal != null, "refused within the limit");
        assertEquals("too-many-sessions", refusal.getString("code"), refusal.toString());
        assertTrue(refusal.getString("message").contains(says), refusal.toString());
    }

    /** beam_limits_refused{limit} as /metrics shows it; 0 before its first count. */
    static double refused(String limit) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                TestServer.managementUri().resolve("/metrics?scope=application")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^beam_limits_refused_total\\{[^}]*limit=\"" + Pattern.quote(limit)
                + "\"[^}]*\\} ([0-9.eE+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
