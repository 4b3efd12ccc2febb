package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Media through a real TURN server with credentials the server issued: a second server started
 * with {@code TURN_SECRET}, {@code TURN_URLS} and {@code ICE_TRANSPORT_POLICY=relay}, Debian's
 * coturn running the shipped configuration with the same secret (listening on 127.0.0.1,
 * relaying from 127.0.0.2), and an nftables rule in the test's own network namespace that drops
 * every UDP and TCP packet to the media port not sent from coturn's relay address. The /watch
 * page must decode the broadcast, over a selected pair whose local candidate is a relay one, and
 * the server must report both peers' transport as {@code relay} (/api/info, metrics).
 */
class TurnBrowserIT {
    private static final String ROOM = "turn-relay";
    private static final String SECRET = "beam-turn-browser-it-secret-0123456789";
    private static final String LISTEN = "127.0.0.1";
    private static final String RELAY = "127.0.0.2";
    private static final int TURN_PORT = 3479;

    /** The pair the page's ICE selected, what it decodes, and the ICE configuration the page was given. */
    private static final String PATH_STATS = """
            const pc = arguments[0] === 'viewer' ? window.beamViewer && window.beamViewer.pc()
                : window.beamBroadcaster && window.beamBroadcaster.pc();
            if (!pc) { return {frames: 0}; }
            const stats = await pc.getStats();
            const result = {frames: 0, bytesSent: 0, policy: pc.getConfiguration().iceTransportPolicy,
              servers: pc.getConfiguration().iceServers.map(s => ({urls: s.urls, username: s.username || null}))};
            let pairId = null;
            stats.forEach(s => {
              if (s.type === 'transport' && s.selectedCandidatePairId) { pairId = s.selectedCandidatePairId; }
              if (s.type === 'inbound-rtp' && s.kind === 'video') { result.frames = s.framesDecoded || 0; result.width = s.frameWidth || 0; }
              if (s.type === 'outbound-rtp' && s.kind === 'video') { result.bytesSent += s.bytesSent || 0; }
            });
            const pair = pairId && stats.get(pairId);
            if (pair) {
              const local = stats.get(pair.localCandidateId), remote = stats.get(pair.remoteCandidateId);
              result.pair = {state: pair.state, bytesReceived: pair.bytesReceived, bytesSent: pair.bytesSent,
                rttMs: pair.currentRoundTripTime === undefined ? null : Math.round(pair.currentRoundTripTime * 1000)};
              result.local = {type: local.candidateType, address: local.address, port: local.port,
                protocol: local.protocol, relayProtocol: local.relayProtocol || null, url: local.url || null};
              result.remote = {type: remote.candidateType, address: remote.address, port: remote.port};
            }
            return result;
            """;

    private Coturn coturn;
    private SecondServer server;
    private ChromeDriver browser;
    private NetworkCut cut;

    @BeforeEach
    void start() throws Exception {
        Browsers.requireBrowser();
        if (!Files.isExecutable(Coturn.TURNSERVER)) {
            Browsers.skipOrFail("coturn is not installed (apt-get install coturn)");
        }
        if (!NetworkCut.available()) {
            Browsers.skipOrFail("nftables is not installed (apt-get install nftables)");
        }
        coturn = Coturn.start(SECRET, LISTEN, TURN_PORT, RELAY);
        String turn = "turn:" + LISTEN + ":" + TURN_PORT;
        server = SecondServer.start("beamTurn", Map.of(
                "TURN_SECRET", SECRET,
                "TURN_URLS", turn + "," + turn + "?transport=tcp",
                "TURN_CREDENTIAL_TTL", "600",
                "ICE_TRANSPORT_POLICY", "relay",
                // The production deadline, not bin/test's 3 s: a relayed path takes an allocation
                // first, and this server's first handshakes run on a cold JVM.
                "MEDIA_CONNECT_TIMEOUT_MS", "10000"));
        // In the test's own namespace only: Browsers.requireBrowser made sure that is where this runs.
        cut = NetworkCut.allButFrom(RELAY, server.mediaPort());
        browser = Browsers.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
            if (cut != null) {
                cut.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (coturn != null) {
                coturn.close();
            }
        }
    }

    @Test
    void aRelayOnlyViewerDecodesTheBroadcastThroughCoturnWithIssuedCredentials() throws Exception {
        String broadcasterWindow = browser.getWindowHandle();
        browser.get(server.uri().resolve("/stream?room=" + ROOM).toString());
        waitFor(d -> d.findElement(By.id("start-button")).isEnabled(), Duration.ofSeconds(15));
        browser.findElement(By.id("start-button")).click();
        waitFor(d -> "LIVE".equals(d.findElement(By.id("live-state")).getText()), Duration.ofSeconds(30));

        WebDriver viewer = browser.switchTo().newWindow(WindowType.WINDOW);
        long opened = System.nanoTime();
        viewer.get(server.uri().resolve("/watch?room=" + ROOM).toString());
        waitFor(d -> ((Number) stats("viewer").get("frames")).longValue() >= 1, Duration.ofSeconds(30));
        long firstFrameMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
        waitFor(d -> ((Number) stats("viewer").get("frames")).longValue() >= 60, Duration.ofSeconds(30));
        Map<?, ?> watched = stats("viewer");
        String peerId = (String) ((JavascriptExecutor) browser).executeScript("return window.beamViewer.peerId();");

        assertEquals("relay", watched.get("policy"), "the page was told to relay only: " + watched);
        Map<?, ?> local = (Map<?, ?>) watched.get("local");
        assertEquals("relay", local.get("type"), "the viewer's selected pair is relayed: " + watched);
        assertEquals(RELAY, local.get("address"), "coturn's relay address: " + watched);
        assertEquals(server.mediaPort(), ((Number) ((Map<?, ?>) watched.get("remote")).get("port")).intValue(),
                "the far end is the server's media port, reached through the relay: " + watched);
        assertTrue(((Number) watched.get("width")).intValue() > 0, watched.toString());
        String username = username(watched);
        assertTrue(username.matches("\\d+:" + Pattern.quote(peerId)), "issued as <expiry>:<peer id>: " + username);
        long expiresIn = Long.parseLong(username.substring(0, username.indexOf(':'))) - System.currentTimeMillis() / 1000;
        assertTrue(expiresIn > 500 && expiresIn <= 600, "TURN_CREDENTIAL_TTL 600 s from the join: " + expiresIn);
        String log = coturn.log();
        assertTrue(log.contains("user <" + username + ">"), "coturn took the issued username: " + tail(log));
        assertTrue(!log.contains(SECRET), "coturn never logs the secret");

        try (DatagramSocket direct = new DatagramSocket(0, InetAddress.getByName(LISTEN))) {
            direct.send(new DatagramPacket(new byte[] {0}, 1, InetAddress.getByName(LISTEN), server.mediaPort()));
        }
        long dropped = cut.dropped();
        assertTrue(dropped >= 1, "the rule drops what comes to the media port from elsewhere than the relay");

        browser.switchTo().window(broadcasterWindow);
        Map<?, ?> broadcast = stats("broadcaster");
        System.out.println("TURN relay: viewer's first frame " + firstFrameMs + " ms after opening /watch; viewer "
                + watched + "; broadcaster " + broadcast + "; packets the nftables rule dropped: " + dropped
                + " (one the test sent directly)"
                + "; coturn allocations for this viewer: " + count(log, "user <" + username + ">: incoming packet ALLOCATE processed, success"));
        assertEquals("relay", ((Map<?, ?>) broadcast.get("local")).get("type"),
                "the broadcaster on the same relay-only server relays too: " + broadcast);
        String info = operatorInfo();
        assertTrue(info.contains("\"peerId\":\"" + peerId + "\"") && info.contains("\"transport\":\"relay\""),
                "the viewer's transport in /api/info: " + info);
        assertTrue(info.contains("\"broadcasterTransport\":\"relay\""), "the broadcaster's: " + info);
        assertEquals(2, Metrics.value(server.managementUri(), "beam_media_sessions", "transport=\"relay\""),
                "both sessions relayed in the metrics");
        browser.findElement(By.id("start-button")).click();
    }

    /** The room as operators see it on the second server (bin/test's OPERATOR_SECRET is inherited). */
    private String operatorInfo() throws Exception {
        String secret = TestServer.operatorSecret();
        assertTrue(secret != null, "bin/test sets OPERATOR_SECRET");
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/api/info?room=" + ROOM))
                .header("Authorization", "Bearer " + secret).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The TURN server's username the page was given, for the TURN_URLS it has. */
    private static String username(Map<?, ?> stats) {
        for (Object server : (List<?>) stats.get("servers")) {
            Object name = ((Map<?, ?>) server).get("username");
            if (name != null) {
                return name.toString();
            }
        }
        throw new AssertionError("the page was given no TURN credentials: " + stats);
    }

    private Map<?, ?> stats(String page) {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
                "return (async () => {" + PATH_STATS + "})();", page);
    }

    private static long count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1L;
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 2000));
    }

    /** Waits; where it times out, says what the page shows and what coturn logged. */
    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) throws Exception {
        try {
            new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("timed out; the page says '" + browser.findElement(By.id("status")).getText()
                    + "'; coturn logged: " + tail(coturn.log()), e);
        }
    }
}
