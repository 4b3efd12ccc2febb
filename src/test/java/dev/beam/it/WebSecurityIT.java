package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.TestPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Origin check on every path to the WebSocket, what /metrics and /api/info give away, and to whom. */
class WebSecurityIT {
    /** Spellings of /ws that Liberty hands to the signaling endpoint. */
    private static final String[] WS_PATHS = {"/ws", "/ws/", "/ws;x", "/ws?x", "//ws", "/%77s", "/ws/.", "/./ws",
        "/x/../ws", "/ws;jsessionid=1", "/ws/;", "/ws//", "/ws/;a=b", "/ws%3b", "/ws%20"};
    /** Spellings that reach no endpoint at all, checked anyway: nothing may answer 101. */
    private static final String[] OTHER_PATHS = {"/WS", "/Ws", "/ws/x", "/ws%2f", "/%2fws", "/", "/stream", "/api/info"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final String room = "security-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everySpellingOfTheWebSocketPathReachesTheEndpointOnlyFromAnAllowedOrigin() throws Exception {
        String own = "http://localhost:" + TestServer.uri().getPort();
        List<String> failures = new ArrayList<>();
        for (String path : WS_PATHS) {
            int fromOwn = handshake(path, own, null);
            int foreign = handshake(path, "http://evil.example", null);
            int rebound = handshake(path, "http://evil.example:" + TestServer.uri().getPort(),
                    "evil.example:" + TestServer.uri().getPort());
            if (fromOwn != 101 || foreign != 403 || rebound != 403) {
                failures.add(path + ": own origin " + fromOwn + " (101 expected), foreign " + foreign
                        + " and rebound " + rebound + " (403 expected)");
            }
        }
        for (String path : OTHER_PATHS) {
            int foreign = handshake(path, "http://evil.example", null);
            if (foreign == 101) {
                failures.add(path + ": a foreign origin was upgraded");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aHostHeaderNamingTheAttackersPageDoesNotMakeItTheServersOwn() throws Exception {
        int port = TestServer.uri().getPort();
        assertEquals(403, handshake("/ws", "http://rebind.attacker.example:" + port, "rebind.attacker.example:" + port));
        assertEquals(403, handshake("/ws", "http://localhost.attacker.example:" + port, "localhost.attacker.example:" + port));
        assertEquals(101, handshake("/ws", "http://127.0.0.1:" + port, "127.0.0.1:" + port), "an address is its own");
        assertEquals(101, handshake("/ws", null, "anything.example"), "no Origin: not a browser");
    }

    /**
     * Liberty's Metrics allows any origin and credentials: on the management port, where /metrics
     * and /health answer, those headers are stripped, and neither answers on the application's
     * port, whatever port the Host header names.
     */
    @Test
    void metricsAndHealthAnswerOnlyOnTheManagementPortAndAllowNoCrossOriginReads() throws Exception {
        for (String path : new String[] {"/metrics", "/metrics?scope=application", "/metrics?scope=base", "/health/ready"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(TestServer.managementUri().resolve(path))
                    .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), path);
            assertTrue(response.headers().map().keySet().stream().noneMatch(name -> name.toLowerCase(Locale.ROOT)
                    .startsWith("access-control-")), path + ": " + response.headers());
            assertEquals(404, http.send(HttpRequest.newBuilder(TestServer.uri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), path + " on the application's port");
        }
        assertEquals(404, handshake("/metrics", null, "live.example"), "Host naming port 80");
        assertEquals(404, handshake("/metrics", null, "live.example:443"), "Host naming port 443");
        assertEquals(404, http.send(HttpRequest.newBuilder(TestServer.managementUri().resolve("/watch")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the pages are not on the management port");
    }

    @Test
    void viewersAreShownOnlyToOperators() throws Exception {
        String secret = TestServer.operatorSecret();
        assumeTrue(secret != null, "the server runs without OPERATOR_SECRET (bin/test sets one)");
        try (OpenResources open = new OpenResources()) {
            PeerBroadcast broadcast = new PeerBroadcast(room, open);
            broadcast.start(1, 2);
            TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
            String peerId = broadcast.consume(viewer).peerId();
            viewer.awaitConnected(PeerBroadcast.CONNECT);

            HttpResponse<String> anyone = info("?room=" + room, null);
            HttpResponse<String> operator = info("?room=" + room, "Bearer " + secret);
            HttpResponse<String> impostor = info("?room=" + room, "Bearer " + secret + "x");

            assertEquals(200, anyone.statusCode());
            assertFalse(anyone.body().contains(peerId), anyone.body());
            assertFalse(anyone.body().contains("viewerReports"), anyone.body());
            JsonObject publicRoom = onlyRoom(anyone.body());
            assertEquals(1, publicRoom.getInt("viewers"));
            assertTrue(publicRoom.getBoolean("live"));

            assertEquals(200, operator.statusCode());
            JsonObject operatorRoom = onlyRoom(operator.body());
            assertEquals(peerId, operatorRoom.getJsonArray("viewerReports").getJsonObject(0).getString("peerId"), operator.body());

            assertEquals(401, impostor.statusCode());
            assertEquals("Bearer", impostor.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertFalse(impostor.body().contains(peerId));
        }
    }

    @Test
    void theRoomListingIsPagedAndBounded() throws Exception {
        Set<String> created = new HashSet<>();
        // Ten rooms per connection: within the message rate's burst.
        for (int c = 0; c < 12; c++) {
            try (SignalingClient client = SignalingClient.connect(TestServer.uri())) {
                for (int i = c * 10; i < c * 10 + 10; i++) {
                    String name = room + "-" + i;
                    client.request("join-room", "\"room\":\"" + name + "\",\"role\":\"viewer\"");
                    client.request("leave-room", "");
                    created.add(name);
                }
            }
        }
        JsonObject first = json(info("", null));
        assertTrue(first.getInt("totalRooms") >= 120, first.toString());
        assertEquals(50, first.getJsonArray("rooms").size(), "the default page");
        assertEquals(50, first.getInt("next"));

        Set<String> seen = new HashSet<>();
        int pages = 0;
        Integer offset = 0;
        while (offset != null) {
            HttpResponse<String> response = info("?limit=200&offset=" + offset, null);
            assertTrue(response.body().length() < 200 * 200, "a page is bounded: " + response.body().length() + " chars");
            JsonObject page = json(response);
            assertTrue(page.getJsonArray("rooms").size() <= 200);
            page.getJsonArray("rooms").getValuesAs(JsonObject.class).forEach(r -> seen.add(r.getString("name")));
            offset = page.containsKey("next") ? page.getInt("next") : null;
            assertTrue(++pages < 1000, "pages end");
        }
        assertTrue(seen.containsAll(created), "walking the pages finds every room");

        assertEquals(400, info("?limit=100000", null).statusCode());
        assertEquals(400, info("?offset=-1", null).statusCode());
    }

    private HttpResponse<String> info(String query, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.uri().resolve("/api/info" + query));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static JsonObject onlyRoom(String body) {
        JsonObject info = Json.createReader(new StringReader(body)).readObject();
        assertEquals(1, info.getJsonArray("rooms").size(), body);
        return info.getJsonArray("rooms").getJsonObject(0);
    }

    /**
     * The status of a WebSocket handshake sent byte for byte as given (java.net.http would
     * normalize the path and refuses to set Host), with the Origin and Host given, if any.
     */
    static int handshake(String path, String origin, String host) throws Exception {
        try (Socket socket = new Socket(TestServer.uri().getHost(), TestServer.uri().getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                    .append("Host: ").append(host != null ? host : TestServer.uri().getAuthority()).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertNotNull(status, path + ": no answer");
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
