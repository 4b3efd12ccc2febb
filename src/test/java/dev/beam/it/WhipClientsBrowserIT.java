package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Interop with WHIP and WHEP clients nobody here wrote (issue 9), in Chromium: its fake camera and
 * microphone published through {@code @eyevinn/whip-web-client}, once offering only VP8 and once
 * only H.264, and through whip-whep's {@code WHIPClient} (which trickles with PATCH); decoded by
 * the server's own /watch page and played through {@code @eyevinn/webrtc-player} (WHEP) and
 * whip-whep's {@code WHEPClient} (WHEP, trickling too). The library pages come from an origin of
 * their own ({@link ClientPages}), so the server's CORS answers are what lets them work. The
 * publisher's DELETE ends the stream.
 */
class WhipClientsBrowserIT {
    /** A page's RTCPeerConnection: the server's /watch page's, or a client page's. */
    private static final String WATCH_PC = "window.beamViewer && window.beamViewer.pc()";
    private static final String PAGE_PC = "window.page && window.page.pc()";
    /** What a page's RTCPeerConnection receives ("inbound") or sends ("outbound"). */
    private static final String STATS = """
            const pc = %s;
            if (!pc || !pc.getStats) { return {frames: 0, audioPackets: 0, codec: '', state: 'none'}; }
            const stats = await pc.getStats();
            let frames = 0, audioPackets = 0, codec = '';
            stats.forEach(s => {
              if (s.type === '%s-rtp' && s.kind === 'video') {
                frames = s.framesDecoded ?? s.framesEncoded ?? 0;
                codec = s.codecId && stats.get(s.codecId) ? stats.get(s.codecId).mimeType : '';
              }
              if (s.type === '%2$s-rtp' && s.kind === 'audio') { audioPackets = s.packetsReceived ?? s.packetsSent ?? 0; }
            });
            return {frames: frames, audioPackets: audioPackets, codec: codec, state: pc.connectionState};
            """;

    /**
     * What whip-whep's WHEPClient's trickle PATCHes may get: 204, or 428 where the server insists
     * on the If-Match that RFC 9725 section 4.3.1 asks clients for, which WHEPClient 1.2.0 does not
     * send (unlike its WHIPClient, it keeps no ETag from the POST). Either way the media must flow:
     * the server learns the client's address from its connectivity checks.
     */
    private static final int[] WHEP_TRICKLE_ANSWERS = {204, 428};

    private ChromeDriver browser;
    private ClientPages pages;

    @BeforeEach
    void start() throws Exception {
        Browsers.requireBrowser();
        pages = ClientPages.serve("whip-publisher", "whip-client", "whep-player", "whep-client");
        browser = Browsers.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (pages != null) {
            pages.close();
        }
    }

    /**
     * @param publisherPage the WHIP library's page: whip-publisher ({@code @eyevinn/whip-web-client})
     *        or whip-client (whip-whep's {@code WHIPClient})
     * @param trickles whether that library sends its candidates with PATCH
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"whip-publisher, VP8, false", "whip-publisher, H264, false", "whip-client, H264, true"})
    void aWhipBroadcastPlaysOnWatchAndThroughTwoWhepLibrariesUntilItsDelete(String publisherPage, String codec,
            boolean trickles) throws Exception {
        String room = publisherPage + "-" + codec.toLowerCase(Locale.ROOT);
        String mimeType = "video/" + codec;
        String publisher = browser.getWindowHandle();
        String watch = open(TestServer.uri().resolve("/watch?room=" + room));
        waitFor(d -> d.findElement(By.id("no-stream")).isDisplayed(), Duration.ofSeconds(10), () -> "/watch loads");

        browser.switchTo().window(publisher);
        browser.get(pages.page(publisherPage, Map.of("endpoint", endpoint("whip", room), "codec", codec)).toString());
        waitFor(d -> !sent().get("codec").equals("") && number(sent(), "frames") > 0, Duration.ofSeconds(20),
                () -> "the WHIP publisher sends: " + sent() + pageLog());
        Map<?, ?> sending = sent();
        assertEquals(mimeType, sending.get("codec"), "the codec the publisher negotiated: " + sending);
        assertRequested("the WHIP publisher", "POST", endpoint("whip", room), 201);
        if (trickles) {
            assertRequested("the WHIP publisher", "PATCH", endpoint("whip", room) + "/", 204);
        }
        System.out.println(browser.getTitle() + " (" + codec + ") sends: " + sending);

        browser.switchTo().window(watch);
        assertPlays("/watch", WATCH_PC, mimeType);
        String player = open(pages.page("whep-player", Map.of("endpoint", endpoint("whep", room))));
        assertPlays("@eyevinn/webrtc-player", PAGE_PC, mimeType);
        assertRequested("@eyevinn/webrtc-player", "POST", endpoint("whep", room), 201);
        String client = open(pages.page("whep-client", Map.of("endpoint", endpoint("whep", room))));
        assertPlays("whip-whep WHEPClient", PAGE_PC, mimeType);
        assertRequested("whip-whep WHEPClient", "POST", endpoint("whep", room), 201);
        assertRequested("whip-whep WHEPClient", "PATCH", endpoint("whep", room) + "/", WHEP_TRICKLE_ANSWERS);
        Browsers.screenshot(browser, "whep-client-" + room);

        browser.switchTo().window(publisher);
        Object stopped = script("return window.page.stop().then(() => 'stopped', e => 'failed: ' + e);");
        assertEquals("stopped", stopped, "the publisher's destroy (DELETE)" + pageLog());
        assertRequested("the WHIP publisher", "DELETE", endpoint("whip", room) + "/", 200);
        System.out.println("the WHIP publisher's requests: " + requests());
        browser.switchTo().window(watch);
        waitFor(d -> d.findElement(By.id("no-stream")).isDisplayed(), Duration.ofSeconds(10),
                () -> "/watch shows that the stream ended");
        assertEquals("No stream available", browser.findElement(By.id("no-stream")).getText());
        for (String window : new String[] {player, client}) {
            browser.switchTo().window(window);
            System.out.println("after the DELETE, " + browser.getTitle() + ": " + received(PAGE_PC) + ", requests "
                    + requests());
        }
    }

    private static String endpoint(String protocol, String room) {
        return TestServer.uri().resolve("/" + protocol + "/" + room).toString();
    }

    /** Opens a window on {@code uri} and stays in it. */
    private String open(URI uri) {
        browser.switchTo().newWindow(WindowType.WINDOW).get(uri.toString());
        return browser.getWindowHandle();
    }

    /** The current window's player decodes the codec: 60 frames and growing, and audio arrives. */
    private void assertPlays(String who, String pc, String mimeType) {
        waitFor(d -> number(received(pc), "frames") >= 60, Duration.ofSeconds(20),
                () -> who + " decodes: " + received(pc) + pageLog());
        long before = number(received(pc), "frames");
        waitFor(d -> number(received(pc), "frames") > before, Duration.ofSeconds(5),
                () -> who + " keeps decoding: " + received(pc));
        Map<?, ?> stats = received(pc);
        assertEquals(mimeType, stats.get("codec"), who + ": " + stats);
        assertTrue(number(stats, "audioPackets") > 0, who + " receives audio: " + stats);
        System.out.println(who + " plays: " + stats);
    }

    /**
     * The current client page's library sent {@code method} to {@code url} (to a resource below it
     * when the URL ends in "/") and got one of {@code statuses}, or does within 5 s.
     */
    private void assertRequested(String who, String method, String url, int... statuses) {
        String pattern = Pattern.quote(method + " " + url) + (url.endsWith("/") ? "[^ ]+" : "") + " -> ("
                + Arrays.stream(statuses).mapToObj(Integer::toString).collect(Collectors.joining("|")) + ")";
        waitFor(d -> requests().stream().anyMatch(r -> r.toString().matches(pattern)), Duration.ofSeconds(5),
                () -> who + " made no request " + pattern + pageLog());
    }

    private List<?> requests() {
        return (List<?>) script("return window.page.requests;");
    }

    private Map<?, ?> received(String pc) {
        return stats(pc, "inbound");
    }

    private Map<?, ?> sent() {
        return stats(PAGE_PC, "outbound");
    }

    private Map<?, ?> stats(String pc, String direction) {
        return (Map<?, ?>) script("return (async () => {" + STATS.formatted(pc, direction) + "})();");
    }

    /** What the current client page and its library logged, for failure messages. */
    private String pageLog() {
        return "\npage log:\n" + script("return window.page ? window.page.log.concat(window.page.requests).join('\\n') : '';");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static long number(Map<?, ?> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }

    private void waitFor(Function<WebDriver, Boolean> condition, Duration timeout, Supplier<String> what) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(200)).withMessage(what).until(condition::apply);
    }
}
