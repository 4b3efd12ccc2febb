package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The media TCP port (ICE over TCP): answers over /ws and WHEP offer it, and against clients that
 * are no browsers it closes a connection
 * that never sends a signed check, one whose first frame is no signed check, one that announces
 * a frame over the bound, and those over the per-address cap, and counts each.
 */
class IceTcpPortIT {
    private static final int TCP_PORT = Integer.parseInt(TestServer.text("MEDIA_TCP_PORT",
            System.getProperty("beam.media.port", "10000")));
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(
            Long.parseLong(TestServer.text("MEDIA_TCP_HANDSHAKE_TIMEOUT_MS", "10000")));
    private static final int PER_ADDRESS = Integer.parseInt(TestServer.text("MEDIA_TCP_CONNECTIONS_PER_ADDRESS", "16"));

    /** The media ports are bound once the application started: readiness says so. */
    @BeforeAll
    static void awaitMediaPorts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    TestServer.managementUri().resolve("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            if (ready.body().contains("\"media-udp-port\":true")) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the media port is not ready: " + ready.body());
            Thread.sleep(250);
        }
    }

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void answersOverWsAndWhipCarryAPassiveTcpCandidateBelowTheUdpOnes() throws Exception {
        PeerBroadcast broadcast = PeerBroadcast.inNewRoom("ice-tcp", open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(0x1CE1L, 0x1CE2L)));
        assertTcpCandidate(broadcast.produce(broadcaster).getString("sdp"));
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        HttpResponse<String> whep = WishClient.offer("/whep/" + broadcast.room(),
                open.keep(TestPeer.create(OfferSpec.receive())).offer());
        assertEquals(201, whep.statusCode(), whep.body());
        assertTcpCandidate(whep.body());
    }

    /** RFC 6544 §4.5: one passive TCP host candidate on the media TCP port, ranked below every UDP candidate. */
    private static void assertTcpCandidate(String sdp) {
        long lowestUdp = Long.MAX_VALUE;
        long highestTcp = -1;
        for (String line : sdp.split("\r\n")) {
            if (!line.startsWith("a=candidate:")) {
                continue;
            }
            String[] f = line.substring("a=candidate:".length()).split(" ");
            long priority = Long.parseLong(f[3]);
            if (f[2].equals("udp")) {
                lowestUdp = Math.min(lowestUdp, priority);
            } else {
                assertEquals("tcp", f[2], line);
                assertTrue(line.endsWith(" " + TCP_PORT + " typ host tcptype passive"), line);
                highestTcp = Math.max(highestTcp, priority);
            }
        }
        assertTrue(highestTcp > 0 && highestTcp < lowestUdp, "a TCP candidate below the UDP ones: " + sdp);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHandshakeTimeout() throws Exception {
        double rejected = Metrics.value("beam_media_drops", "reason=\"tcp-rejected\"");
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            assertTrue(closedWithin(socket, HANDSHAKE_TIMEOUT.plusSeconds(5)), "closed after the handshake timeout");
            long waited = (System.nanoTime() - start) / 1_000_000;
            System.out.println("an idle TCP connection was closed after " + waited + " ms (timeout "
                    + HANDSHAKE_TIMEOUT.toMillis() + " ms)");
            assertTrue(waited >= HANDSHAKE_TIMEOUT.toMillis() - 500, "not before the timeout: " + waited + " ms");
        }
        assertTrue(Metrics.value("beam_media_drops", "reason=\"tcp-rejected\"") > rejected);
    }

    @Test
    void aFrameOverTheBoundClosesTheConnectionBeforeItsBytesCome() throws Exception {
        double rejected = Metrics.value("beam_media_drops", "reason=\"tcp-rejected\"");
        try (Socket socket = connect()) {
            socket.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 1});
            assertTrue(closedWithin(socket, Duration.ofSeconds(5)), "a 65535-byte frame is refused");
        }
        assertTrue(Metrics.value("beam_media_drops", "reason=\"tcp-rejected\"") > rejected);
    }

    @Test
    void aFirstFrameThatIsNoSignedCheckClosesTheConnection() throws Exception {
        double unauthenticated = Metrics.value("beam_media_drops", "reason=\"unauthenticated\"");
        try (Socket socket = connect()) {
            byte[] request = bindingRequest("nobody:browser");
            ByteBuffer frame = ByteBuffer.allocate(2 + request.length).putShort((short) request.length).put(request);
            socket.getOutputStream().write(frame.array());
            assertTrue(closedWithin(socket, Duration.ofSeconds(5)), "an unsigned check naming no session is refused");
        }
        assertTrue(Metrics.value("beam_media_drops", "reason=\"unauthenticated\"") > unauthenticated);
    }

    @Test
    void connectionsOverThePerAddressCapAreClosedAtOnce() throws Exception {
        double refused = Metrics.value("beam_limits_refused_total", "limit=\"tcp-connections\"");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                held.add(connect());
            }
            try (Socket over = connect()) {
                assertTrue(closedWithin(over, Duration.ofSeconds(3)), "connection " + (PER_ADDRESS + 1) + " is closed");
            }
            assertTrue(Metrics.value("beam_limits_refused_total", "limit=\"tcp-connections\"") > refused);
            assertTrue(Metrics.value("beam_media_tcp_connections", "") >= PER_ADDRESS);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", TCP_PORT), 2000);
        return socket;
    }

    /** Whether the server closed the connection (end of stream or reset) within {@code timeout}. */
    private static boolean closedWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** A Binding request (RFC 8489 §5) with a USERNAME and no MESSAGE-INTEGRITY. */
    private static byte[] bindingRequest(String username) {
        byte[] name = username.getBytes(StandardCharsets.UTF_8);
        int padded = (name.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(20 + 4 + padded);
        b.putShort((short) 0x0001).putShort((short) (4 + padded)).putInt(0x2112A442);
        b.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        b.putShort((short) 0x0006).putShort((short) name.length).put(name);
        return b.array();
    }
}
