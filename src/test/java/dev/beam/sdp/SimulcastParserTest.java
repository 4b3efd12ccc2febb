package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** a=rid (RFC 8851) and a=simulcast (RFC 8853) of one m= section: read, checked, written back. */
class SimulcastParserTest {
    /** Alice's offer of the simulcast offer/answer example of RFC 8853 §6 (its m= section, unchanged). */
    static final List<String> RFC_OFFER = List.of(
            "m=video 49300 RTP/AVP 97 98 99",
            "a=rtpmap:97 H264/90000",
            "a=rtpmap:98 H264/90000",
            "a=rtpmap:99 VP8/90000",
            "a=fmtp:97 profile-level-id=42c01f;max-fs=3600;max-mbps=108000",
            "a=fmtp:98 profile-level-id=42c00b;max-fs=240;max-mbps=3600",
            "a=fmtp:99 max-fs=240; max-fr=30",
            "a=rid:1 send pt=97;max-width=1280;max-height=720",
            "a=rid:2 send pt=98;max-width=320;max-height=180",
            "a=rid:3 send pt=99;max-width=320;max-height=180",
            "a=rid:4 recv pt=97",
            "a=simulcast:send 1;2,3 recv 4",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");

    /** Bob's answer in the same example. */
    static final List<String> RFC_ANSWER = List.of(
            "m=video 49674 RTP/AVP 97 98",
            "a=rtpmap:97 H264/90000",
            "a=rtpmap:98 H264/90000",
            "a=fmtp:97 profile-level-id=42c01f;max-fs=3600;max-mbps=108000",
            "a=fmtp:98 profile-level-id=42c00b;max-fs=240;max-mbps=3600",
            "a=rid:1 recv pt=97;max-width=1280;max-height=720",
            "a=rid:2 recv pt=98;max-width=320;max-height=180",
            "a=rid:4 send pt=97",
            "a=simulcast:recv 1;2 send 4",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id");

    /** RFC 8853 §5.1's example: three streams sent, the first with a paused alternative, one received. */
    static final List<String> RFC_PAUSED = List.of(
            "m=video 49300 RTP/AVP 97 98 99 100",
            "a=rid:1 send pt=97;max-width=1280;max-height=720;max-fps=30",
            "a=rid:2 send pt=98",
            "a=rid:3 send pt=99",
            "a=rid:4 send pt=100",
            "a=rid:c recv pt=97",
            "a=simulcast:send 1,~4;2;3 recv c");

    @Test
    void readsTheRfcOfferAndWritesItsLinesBackAsTheyWere() throws SdpException {
        MediaDescription m = section(RFC_OFFER);
        // The first alternative of each sent stream: rid 3 is only rid 2's alternative.
        assertEquals(List.of(new SimulcastLayer("1", false), new SimulcastLayer("2", false)), m.simulcastLayers());

        Simulcast simulcast = Simulcast.parse(value(RFC_OFFER, "a=simulcast:"), "video m-line");
        assertEquals(List.of(List.of(layer("1")), List.of(layer("2"), layer("3"))),
                simulcast.streams(RidDirection.SEND));
        assertEquals(List.of(List.of(layer("4"))), simulcast.streams(RidDirection.RECV));
        assertRoundTrip(RFC_OFFER);
    }

    @Test
    void readsTheRfcAnswerWithTheRecvListFirst() throws SdpException {
        MediaDescription m = section(RFC_ANSWER);
        assertEquals(List.of(layer("4")), m.simulcastLayers());
        Simulcast simulcast = Simulcast.parse(value(RFC_ANSWER, "a=simulcast:"), "video m-line");
        assertEquals(RidDirection.RECV, simulcast.lists().get(0).direction());
        assertEquals(List.of(List.of(layer("1")), List.of(layer("2"))), simulcast.streams(RidDirection.RECV));
        assertRoundTrip(RFC_ANSWER);
    }

    @Test
    void keepsPausedFormats() throws SdpException {
        Simulcast simulcast = Simulcast.parse(value(RFC_PAUSED, "a=simulcast:"), "video m-line");
        assertEquals(List.of(layer("1"), new SimulcastLayer("4", true)), simulcast.streams(RidDirection.SEND).get(0));
        assertEquals(List.of(layer("1"), layer("2"), layer("3")), section(RFC_PAUSED).simulcastLayers());
        assertRoundTrip(RFC_PAUSED);

        List<String> firstPaused = replace(RFC_PAUSED, "a=simulcast:send 1,~4;2;3 recv c", "a=simulcast:send ~1;2;~3");
        assertEquals(List.of(new SimulcastLayer("1", true), layer("2"), new SimulcastLayer("3", true)),
                section(firstPaused).simulcastLayers());
        assertRoundTrip(firstPaused);
    }

    @Test
    void keepsRidRestrictionsAsWritten() throws SdpException {
        Rid rid = Rid.parse("h send pt=96,97;max-width=1280;max-height=720", "video m-line");
        assertEquals(new Rid("h", RidDirection.SEND, "pt=96,97;max-width=1280;max-height=720"), rid);
        assertEquals(new Rid("l", RidDirection.RECV, ""), Rid.parse("l recv", "video m-line"));
        assertEquals("l recv", new Rid("l", RidDirection.RECV, null).attributeValue());
    }

    @Test
    void acceptsEveryRidCharacterUpToSixteen() throws SdpException {
        String longest = "aZ09-_bcdefghijk";
        assertEquals(Rid.MAX_ID_LENGTH, longest.length());
        List<String> lines = List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:" + longest + " send",
                "a=simulcast:send " + longest);
        assertEquals(List.of(layer(longest)), section(lines).simulcastLayers());
    }

    @Test
    void withoutSimulcastThereAreNoLayers() throws SdpException {
        List<String> ridsOnly = RFC_OFFER.stream().filter(l -> !l.startsWith("a=simulcast:")).toList();
        assertEquals(List.of(), section(ridsOnly).simulcastLayers(), "a=rid lines alone select nothing");
        assertEquals(List.of(), section(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96")).simulcastLayers());
    }

    @Test
    void ignoresRidsTheSimulcastDoesNotNameAndRidsNamedTwice() throws SdpException {
        List<String> lines = List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send", "a=rid:m send",
                "a=rid:h send", "a=rid:x send max-width=64", "a=simulcast:send l;m;l;h,m");
        assertEquals(List.of(layer("l"), layer("m"), layer("h")), section(lines).simulcastLayers());
    }

    @Test
    void refusesInvalidRidIds() {
        for (String id : new String[] {"l.1", "l+", "é", "~l"}) {
            List<String> lines = List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:" + id + " send",
                    "a=simulcast:send l");
            String message = refusal(lines);
            assertTrue(message.contains("invalid rid") && message.contains("RFC 8851 §10"), message);
        }
        String message = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send",
                "a=simulcast:send l;m.2"));
        assertTrue(message.contains("invalid rid \"m.2\""), message);

        String tooLong = "a".repeat(Rid.MAX_ID_LENGTH + 1);
        List<String> lines = List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:" + tooLong + " send",
                "a=simulcast:send " + tooLong);
        SdpException limit = assertThrows(SdpLimitException.class, () -> section(lines));
        assertTrue(limit.getMessage().contains("a rid of 17 characters"), limit.getMessage());
    }

    @Test
    void refusesMalformedRidLines() {
        for (String rid : new String[] {"a=rid:l", "a=rid:l sendonly", "a=rid:l SEND", "a=rid: send", "a=rid:",
                "a=rid:l  send"}) {
            String message = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", rid));
            assertTrue(message.contains("RFC 8851 §10"), rid + ": " + message);
        }
        String message = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send", "a=rid:l recv"));
        assertTrue(message.contains("two a=rid lines for rid l"), message);
    }

    @Test
    void refusesMalformedSimulcast() {
        for (String value : new String[] {"", "send", "send ", "sendl;m", "send l;;m", "send l;m;", "send ,l",
                "send l recv", "send l send m", "recv l recv m", "send l  recv m", "send l recv m extra",
                "send ~", "SEND l", "send rid=l;m paused=m"}) {
            List<String> lines = List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send", "a=rid:m send",
                    "a=rid:r recv", "a=simulcast:" + value);
            String message = refusal(lines);
            assertTrue(message.contains("RFC 8853 §5.1") || message.contains("RFC 8851 §10"), value + ": " + message);
        }
    }

    @Test
    void refusesASimulcastRidWithoutAnARidOfItsDirection() {
        String unknown = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send", "a=rid:m send",
                "a=simulcast:send l;m;h"));
        assertTrue(unknown.contains("rid h in its a=simulcast send list but no a=rid:h send line"), unknown);
        String wrongWay = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send", "a=rid:m recv",
                "a=simulcast:send l;m"));
        assertTrue(wrongWay.contains("no a=rid:m send line"), wrongWay);
        String recv = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send", "a=simulcast:send l recv l"));
        assertTrue(recv.contains("no a=rid:l recv line"), recv);
    }

    @Test
    void refusesSimulcastWithoutRids() {
        String message = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=simulcast:send l;m;h"));
        assertTrue(message.contains("a=simulcast but no a=rid lines"), message);
    }

    @Test
    void refusesTwoSimulcastLines() {
        String message = refusal(List.of("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=rid:l send", "a=simulcast:send l",
                "a=simulcast:send l"));
        assertTrue(message.contains("2 a=simulcast lines"), message);
    }

    @Test
    void refusesMoreRidLinesThanTheLimitBeforeParsing() throws SdpException {
        String offer = SdpFixtures.load(SdpFixtures.SIMULCAST);
        StringBuilder rids = new StringBuilder();
        for (int i = 3; i < SdpLimits.MAX_RIDS; i++) {
            rids.append("a=rid:x").append(i).append(" send\r\n");
        }
        String atLimit = offer.replace("a=simulcast:", rids + "a=simulcast:");
        assertEquals(List.of("l", "m", "h"), Negotiator.forBroadcaster(OfferParser.parse(atLimit)).get(1).rids());
        SdpException e = assertThrows(SdpLimitException.class,
                () -> OfferParser.parse(atLimit.replace("a=simulcast:", "a=rid:y send\r\na=simulcast:")));
        assertTrue(e.getMessage().contains("m-line 2 has too many a=rid lines: at most " + SdpLimits.MAX_RIDS),
                e.getMessage());
    }

    private static SimulcastLayer layer(String rid) {
        return new SimulcastLayer(rid, false);
    }

    private static MediaDescription section(List<String> lines) throws SdpException {
        return MediaSectionParser.parse(lines, Direction.SENDRECV).media();
    }

    private static String refusal(List<String> lines) {
        return assertThrows(SdpException.class, () -> section(lines)).getMessage();
    }

    /** Each a=rid and a=simulcast line, read and written again, is the line that was read. */
    private static void assertRoundTrip(List<String> lines) throws SdpException {
        section(lines); // the section as a whole passes its checks
        List<String> rewritten = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("a=rid:")) {
                rewritten.add("a=rid:" + Rid.parse(line.substring(6), "video m-line").attributeValue());
            } else if (line.startsWith("a=simulcast:")) {
                rewritten.add("a=simulcast:" + Simulcast.parse(line.substring(12), "video m-line").attributeValue());
            } else {
                rewritten.add(line);
            }
        }
        assertEquals(lines, rewritten);
    }

    private static String value(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    private static List<String> replace(List<String> lines, String from, String to) {
        return lines.stream().map(l -> l.equals(from) ? to : l).toList();
    }
}
