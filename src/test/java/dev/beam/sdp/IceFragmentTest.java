package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link IceFragment} against the examples of RFC 9725 §4.3 and the WHEP draft, and against malformed bodies. */
class IceFragmentTest {
    private static final String CANDIDATES = ""
            + "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw"
            + " network-id 1\r\n"
            + "a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host generation 0 ufrag EsAw"
            + " network-id 2\r\n"
            + "a=candidate:473322822 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active generation 0 ufrag EsAw"
            + " network-id 1\r\n"
            + "a=candidate:2154773085 1 tcp 1518214911 198.51.100.2 9 typ host tcptype active generation 0"
            + " ufrag EsAw network-id 2\r\n";

    /** RFC 9725 §4.3.2: a trickle PATCH body. */
    static final String RFC9725_TRICKLE = """
            a=group:BUNDLE 0 1\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r
            a=mid:0\r
            a=ice-ufrag:EsAw\r
            a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r
            """ + CANDIDATES + "a=end-of-candidates\r\n";

    /** RFC 9725 §4.3.3: an ICE-restart PATCH body. */
    static final String RFC9725_RESTART = """
            a=ice-options:trickle ice2\r
            a=group:BUNDLE 0 1\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r
            a=mid:0\r
            a=ice-ufrag:ysXw\r
            a=ice-pwd:vw5LmwG4y/e6dPP/zAP9Gp5k\r
            """ + CANDIDATES;

    /** RFC 9725 §4.3.3: the server's 200 OK body answering that restart. */
    static final String RFC9725_RESTART_ANSWER = """
            a=ice-lite\r
            a=ice-options:trickle ice2\r
            a=group:BUNDLE 0 1\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111\r
            a=mid:0\r
            a=ice-ufrag:289b31b754eaa438\r
            a=ice-pwd:0b66f472495ef0ccac7bda653ab6be49ea13114472a5d10a\r
            a=candidate:1 1 udp 2130706431 198.51.100.1 39132 typ host\r
            a=end-of-candidates\r
            """;

    /** The WHEP draft's (and WHIP's drafts') restart pair: credentials at session level, no m= line. */
    static final String WHEP_RESTART = "a=ice-ufrag:ysXw\r\na=ice-pwd:vw5LmwG4y/e6dPP/zAP9Gp5k\r\n";
    static final String WHEP_RESTART_ANSWER = "a=ice-lite\r\na=ice-ufrag:289b31b754eaa438\r\n"
            + "a=ice-pwd:0b66f472495ef0ccac7bda653ab6be49ea13114472a5d10a\r\n";

    /** RFC 8840 §9.2's shape: session-level credentials, two m= sections, each with its candidates. */
    static final String TWO_SECTIONS = """
            a=ice-ufrag:8hhY\r
            a=ice-pwd:asd88fgpdd777uzjYhagZg\r
            m=audio 5000 RTP/AVP 0\r
            a=mid:1\r
            a=candidate:1 1 UDP 1658497328 192.0.2.1 5000 typ host\r
            m=video 5002 RTP/AVP 31\r
            a=mid:2\r
            a=candidate:1 1 UDP 1658497328 192.0.2.1 5002 typ host\r
            a=end-of-candidates\r
            """;

    static final List<String> EXAMPLES = List.of(RFC9725_TRICKLE, RFC9725_RESTART, RFC9725_RESTART_ANSWER,
            WHEP_RESTART, WHEP_RESTART_ANSWER, TWO_SECTIONS);

    @Test
    void everyExampleRoundTripsByteForByte() throws SdpException {
        for (String example : EXAMPLES) {
            assertEquals(example, IceFragment.parse(example).write());
        }
    }

    @Test
    void bareLineFeedsAreRead() throws SdpException {
        assertEquals(RFC9725_TRICKLE, IceFragment.parse(RFC9725_TRICKLE.replace("\r\n", "\n")).write());
    }

    @Test
    void trickleRequest() throws SdpException {
        IceFragment f = IceFragment.parse(RFC9725_TRICKLE);
        assertFalse(f.iceLite());
        assertEquals(List.of(), f.iceOptions());
        assertEquals(List.of("0", "1"), f.bundle());
        assertNull(f.ufrag());
        assertEquals(1, f.media().size());
        IceFragment.Media m = f.media().get(0);
        assertEquals("audio 9 UDP/TLS/RTP/SAVPF 111", m.mLine());
        assertEquals("0", m.mid());
        assertEquals("EsAw", f.iceUfrag());
        assertEquals("P2uYro0UCOQ4zxjKXaWCBui1", f.icePwd());
        assertEquals(4, f.candidates().size());
        assertEquals("473322822 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active generation 0 ufrag EsAw"
                + " network-id 1", f.candidates().get(2));
        assertTrue(f.endsCandidates());
        // The session's credentials are repeated for matching: a trickle, not a restart (RFC 9725 §4.3.3).
        assertFalse(f.restartsIce("EsAw", "P2uYro0UCOQ4zxjKXaWCBui1"));
    }

    @Test
    void restartRequest() throws SdpException {
        IceFragment f = IceFragment.parse(RFC9725_RESTART);
        assertEquals(List.of("trickle", "ice2"), f.iceOptions());
        assertEquals("ysXw", f.iceUfrag());
        assertEquals(4, f.candidates().size());
        assertFalse(f.endsCandidates());
        assertTrue(f.restartsIce("EsAw", "P2uYro0UCOQ4zxjKXaWCBui1"));
        assertTrue(IceFragment.parse(WHEP_RESTART).restartsIce("EsAw", "P2uYro0UCOQ4zxjKXaWCBui1"));
    }

    @Test
    void candidatesWithoutCredentialsOnlyTrickle() throws SdpException {
        IceFragment f = IceFragment.parse("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host\r\n");
        assertNull(f.iceUfrag());
        assertNull(f.icePwd());
        assertFalse(f.restartsIce("EsAw", "P2uYro0UCOQ4zxjKXaWCBui1"));
    }

    @Test
    void sessionLevelEndOfCandidatesAloneIsAFragment() throws SdpException {
        IceFragment f = IceFragment.parse("a=end-of-candidates\r\n");
        assertTrue(f.endOfCandidates());
        assertTrue(f.endsCandidates());
        assertEquals(List.of(), f.media());
        assertEquals("a=end-of-candidates\r\n", f.write());
    }

    @Test
    void restartAnswerHasTheShapeOfRfc9725sWithoutLiteOrTrickle() {
        IceFragment answer = IceFragment.restartAnswer(List.of("0", "1"), "audio 9 UDP/TLS/RTP/SAVPF 111", "0",
                "289b31b754eaa438", "0b66f472495ef0ccac7bda653ab6be49ea13114472a5d10a",
                List.of("1 1 udp 2130706431 198.51.100.1 39132 typ host"));
        String expected = RFC9725_RESTART_ANSWER.replace("a=ice-lite\r\na=ice-options:trickle ice2\r\n", "");
        assertEquals(expected, answer.write());
    }

    @Test
    void unknownLinesAreIgnored() throws SdpException {
        IceFragment f = IceFragment.parse("a=ice-pacing:50\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=rtcp-mux\r\na=mid:0\r\na=remote-candidates:1 192.0.2.1 5000\r\n");
        assertEquals("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n", f.write());
    }

    @Test
    void malformedBodiesAreRefusedWithAnSdpException() {
        String m = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
        String candidate = "a=candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host\r\n";
        List<String> bodies = List.of("", " \r\n", "hello", "a=ice-ufrag:EsAw\r\n\r\na=ice-pwd:x\r\n",
                candidate, m + "a=candidate:\r\n", m + "a=candidate: \r\n",
                "a=ice-ufrag:abc\r\n", "a=ice-ufrag:Es Aw\r\n", "a=ice-pwd:short\r\n",
                "a=ice-ufrag:" + "u".repeat(257) + "\r\n",
                "a=ice-ufrag:EsAw\r\na=ice-ufrag:EsAw\r\n",
                "a=ice-ufrag:EsAw\r\n" + m + "a=ice-ufrag:ysXw\r\n",
                "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n" + m + "a=ice-pwd:vw5LmwG4y/e6dPP/zAP9Gp5k\r\n",
                "a=mid:0\r\n", m + "a=mid:\r\n", m + "a=mid:0\r\na=mid:1\r\n", m + "a=mid:0\r\n" + m + "a=mid:0\r\n",
                "m=audio 9\r\n", "m=\r\n", m + "a=mid:0\u0001\r\n", m + "a=x:" + "y".repeat(5000) + "\r\n");
        for (String body : bodies) {
            assertThrows(SdpException.class, () -> IceFragment.parse(body), body);
        }
        assertThrows(SdpException.class, () -> IceFragment.parse(null));
    }

    @Test
    void boundsAreThoseOfOffers() {
        StringBuilder many = new StringBuilder("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n");
        for (int i = 0; i <= SdpLimits.MAX_CANDIDATES; i++) {
            many.append("a=candidate:").append(i).append(" 1 udp 1 192.0.2.1 5000 typ host\r\n");
        }
        SdpException refused = assertThrows(SdpException.class, () -> IceFragment.parse(many.toString()));
        assertInstanceOf(SdpLimitException.class, refused);
        assertTrue(refused.getMessage().startsWith("the ICE fragment has too many candidates"), refused.getMessage());
        String large = "a=x:" + "y".repeat(SdpLimits.MAX_CHARS);
        assertInstanceOf(SdpLimitException.class, assertThrows(SdpException.class, () -> IceFragment.parse(large)));
    }
}
