package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each bound of {@link SdpLimits} at its edge: the last accepted and the first refused. */
class SdpLimitsTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String MEDIA = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    @Test
    void browsersOffersAreWellWithin() {
        for (String name : new String[] {SdpFixtures.BROADCASTER, SdpFixtures.VIEWER, SdpFixtures.AUDIO_ONLY,
                SdpFixtures.SIMULCAST}) {
            String sdp = SdpFixtures.load(name);
            assertTrue(sdp.length() < SdpLimits.MAX_CHARS / 2, name);
            assertDoesNotThrow(() -> SdpLimits.check(sdp), name);
        }
    }

    @Test
    void size() {
        String base = HEAD + MEDIA + "a=x:";
        String atLimit = base + "y".repeat(SdpLimits.MAX_CHARS - base.length());
        assertDoesNotThrow(() -> SdpLimits.check(atLimit));
        assertTrue(refusal(atLimit + "y").contains("too large"));
    }

    @Test
    void lines() {
        StringBuilder sdp = new StringBuilder(HEAD);
        int lines = 4;
        while (lines < SdpLimits.MAX_LINES) {
            sdp.append(MEDIA);
            lines++;
            for (int i = 1; i < 300 && lines < SdpLimits.MAX_LINES; i++, lines++) {
                sdp.append("a=x\r\n");
            }
        }
        assertDoesNotThrow(() -> SdpLimits.check(sdp.toString()));
        assertTrue(refusal(sdp + "a=x\r\n").contains("too many lines"));
    }

    @Test
    void linesPerSection() {
        String session = HEAD + "a=x\r\n".repeat(SdpLimits.MAX_SECTION_LINES - 4);
        assertDoesNotThrow(() -> SdpLimits.check(session + MEDIA));
        assertTrue(refusal(session + "a=x\r\n" + MEDIA).contains("session part has too many lines"));
        String section = HEAD + MEDIA + "a=x\r\n".repeat(SdpLimits.MAX_SECTION_LINES - 1);
        assertDoesNotThrow(() -> SdpLimits.check(section));
        assertTrue(refusal(section + "a=x\r\n").contains("m-line 1 has too many lines"));
    }

    @Test
    void mediaLines() {
        String sdp = HEAD + MEDIA.repeat(SdpLimits.MAX_MEDIA);
        assertDoesNotThrow(() -> SdpLimits.check(sdp));
        assertTrue(refusal(sdp + MEDIA).contains("too many m-lines"));
    }

    @Test
    void ridLinesPerSection() {
        String rids = "a=rid:l send\r\n".repeat(SdpLimits.MAX_RIDS);
        assertDoesNotThrow(() -> SdpLimits.check(HEAD + rids + MEDIA + rids + MEDIA + rids));
        assertTrue(refusal(HEAD + rids + "a=rid:l send\r\n" + MEDIA).contains("session part has too many a=rid"));
        assertTrue(refusal(HEAD + MEDIA + rids + MEDIA + rids + "a=rid:l send\r\n")
                .contains("m-line 2 has too many a=rid lines"));
    }

    @Test
    void candidates() {
        String sdp = HEAD + MEDIA + "a=candidate:1 1 udp 1 127.0.0.1 9 typ host\r\n".repeat(SdpLimits.MAX_CANDIDATES);
        assertDoesNotThrow(() -> SdpLimits.check(sdp));
        assertTrue(refusal(sdp + "a=candidate:1 1 udp 1 127.0.0.1 9 typ host\r\n").contains("too many candidates"));
    }

    @Test
    void formatsAndWildcardFeedbackOfOneSection() {
        String offer = SdpFixtures.load(SdpFixtures.BROADCASTER);
        String videoLine = offer.lines().filter(l -> l.startsWith("m=video")).findFirst().orElseThrow();
        int formats = videoLine.split(" ").length - 3;
        StringBuilder extra = new StringBuilder();
        for (int added = 0; formats + added < MediaSectionParser.MAX_FORMATS; added++) {
            extra.append(' ').append(added % 128);
        }
        String atLimit = offer.replace(videoLine, videoLine + extra);
        assertDoesNotThrow(() -> OfferParser.parse(atLimit));
        SdpException tooMany = assertThrows(SdpException.class,
                () -> OfferParser.parse(offer.replace(videoLine, videoLine + extra + " 99")));
        assertTrue(tooMany instanceof SdpLimitException && tooMany.getMessage().contains("formats"));

        String wildcards = "a=rtcp-fb:* nack\r\n".repeat(MediaSectionParser.MAX_WILDCARD_FEEDBACK);
        assertDoesNotThrow(() -> OfferParser.parse(offer.replace(videoLine + "\r\n", videoLine + "\r\n" + wildcards)));
        assertThrows(SdpLimitException.class, () -> OfferParser.parse(offer.replace(videoLine + "\r\n",
                videoLine + "\r\n" + wildcards + "a=rtcp-fb:* nack\r\n")));
    }

    @Test
    void theParserChecksTheLimitsFirst() {
        String huge = SdpFixtures.load(SdpFixtures.BROADCASTER) + "a=x\r\n".repeat(3000);
        assertThrows(SdpLimitException.class, () -> OfferParser.parse(huge));
    }

    private static String refusal(String sdp) {
        return assertThrows(SdpLimitException.class, () -> SdpLimits.check(sdp)).getMessage();
    }
}
