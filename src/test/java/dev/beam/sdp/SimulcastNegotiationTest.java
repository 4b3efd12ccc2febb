package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broadcaster's simulcast video (RFC 8853) through negotiation and the answer; a viewer never gets layers. */
class SimulcastNegotiationTest {
    private static final HeaderExtension MID = new HeaderExtension(4, HeaderExtension.MID);
    private static final HeaderExtension TWCC = new HeaderExtension(3, HeaderExtension.TRANSPORT_CC);
    private static final HeaderExtension RID = new HeaderExtension(10, HeaderExtension.RTP_STREAM_ID);
    private static final HeaderExtension REPAIRED_RID = new HeaderExtension(11, HeaderExtension.REPAIRED_RTP_STREAM_ID);

    static String simulcast() {
        return SdpFixtures.load(SdpFixtures.SIMULCAST);
    }

    @Test
    void chromiumsThreeLayersAreAcceptedInOfferOrderWithTheRidExtension() throws SdpException {
        Offer offer = OfferParser.parse(simulcast());
        MediaDescription offered = offer.media().get(1);
        assertEquals(List.of(new SimulcastLayer("l", false), new SimulcastLayer("m", false),
                new SimulcastLayer("h", false)), offered.simulcastLayers());
        assertEquals(List.of(), offered.ssrcs(), "Chromium announces no SSRC for simulcast");

        List<NegotiatedMedia> media = Negotiator.forBroadcaster(offer);
        NegotiatedMedia audio = media.get(0);
        assertEquals(List.of(), audio.rids());
        assertFalse(audio.isSimulcast());
        assertEquals(List.of(TWCC, MID), audio.extensions());

        NegotiatedMedia video = media.get(1);
        assertEquals(List.of("l", "m", "h"), video.rids());
        assertTrue(video.isSimulcast());
        assertEquals("VP8", video.codec().name());
        assertEquals(List.of(TWCC, MID, RID, REPAIRED_RID), video.extensions(), "offer order");
        assertEquals(10, video.extensionId(HeaderExtension.RTP_STREAM_ID));
        assertEquals(11, video.extensionId(HeaderExtension.REPAIRED_RTP_STREAM_ID), "names an RTX SSRC's layer");
        assertEquals(97, video.rtxPayloadType(), "apt=96");
        assertEquals(Map.of(), video.rtxSsrcs(), "no SSRCs announced: learnt from repaired-rid");
    }

    @Test
    void repairedRidNeedsRtx() throws SdpException {
        String sdp = SdpEdits.removePayload(simulcast(), 97);
        NegotiatedMedia video = Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1);
        assertEquals(0, video.rtxPayloadType());
        assertEquals(List.of(TWCC, MID, RID), video.extensions(), "no RTX, nothing is repaired");
        assertFalse(AnswerBuilderTest.broadcasterAnswer(sdp).contains(HeaderExtension.REPAIRED_RTP_STREAM_ID));
    }

    @Test
    void theAnswerReceivesTheLayersAfterTheExtensions() throws SdpException {
        String answer = AnswerBuilderTest.broadcasterAnswer(simulcast());
        String video = answer.substring(answer.indexOf("m=video"));
        assertTrue(video.contains("a=extmap:3 " + HeaderExtension.TRANSPORT_CC + "\r\n"
                + "a=extmap:4 " + HeaderExtension.MID + "\r\n"
                + "a=extmap:10 " + HeaderExtension.RTP_STREAM_ID + "\r\n"
                + "a=extmap:11 " + HeaderExtension.REPAIRED_RTP_STREAM_ID + "\r\n"
                + "a=rid:l recv\r\na=rid:m recv\r\na=rid:h recv\r\n"
                + "a=simulcast:recv l;m;h\r\n"), video);
        assertTrue(video.startsWith("m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n"), video);
        assertTrue(video.contains("a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"), video);
        assertFalse(answer.substring(0, answer.indexOf("m=video")).contains("a=rid"), "audio has no layers");
        assertFalse(answer.contains("a=ssrc"));

        Offer parsed = AnswerBuilderTest.parseAnswer(answer);
        assertEquals(List.of(), parsed.media().get(1).simulcastLayers(), "the answer sends no layers");
        assertEquals(Direction.RECVONLY, parsed.media().get(1).direction());
    }

    @Test
    void keepsTheFirstThreeLayersAndPausedOnes() throws SdpException {
        String sdp = simulcast().replace("a=rid:h send\r\n", "a=rid:h send\r\na=rid:x send\r\n")
                .replace("a=simulcast:send l;m;h", "a=simulcast:send l;~m,h;h;x");
        Offer offer = OfferParser.parse(sdp);
        NegotiatedMedia video = Negotiator.forBroadcaster(offer).get(1);
        assertEquals(Honoured.MAX_SIMULCAST_LAYERS, video.rids().size());
        assertEquals(List.of("l", "m", "h"), video.rids(), "x, the fourth, is left out");

        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer),
                SdpFixtures.localTransport());
        assertTrue(answer.contains("a=rid:l recv\r\na=rid:m recv\r\na=rid:h recv\r\na=simulcast:recv l;~m;h\r\n"),
                answer);
        assertFalse(answer.contains("a=rid:x"));
    }

    @Test
    void withoutTheRidExtensionTheLayersCannotBeToldApartAndOneStreamIsAskedFor() throws SdpException {
        String sdp = simulcast().replace("a=extmap:10 " + HeaderExtension.RTP_STREAM_ID + "\r\n", "");
        NegotiatedMedia video = Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1);
        assertEquals(List.of(), video.rids());
        assertEquals(List.of(TWCC, MID), video.extensions());
        String answer = AnswerBuilderTest.broadcasterAnswer(sdp);
        assertFalse(answer.contains("a=rid") || answer.contains("a=simulcast"), answer);
    }

    @Test
    void aBitrateCapLeavesTheLayersAlone() throws SdpException {
        Offer offer = OfferParser.parse(simulcast());
        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer),
                SdpFixtures.localTransport(), VideoBitrates.max(2_500_000));
        assertTrue(answer.contains("b=TIAS:2500000\r\n"));
        assertTrue(answer.contains("a=simulcast:recv l;m;h\r\n"));
    }

    @Test
    void offersWithoutSimulcastAreAnsweredAsBefore() throws SdpException {
        // The plain Chromium offer also lists the rid extensions; without a=simulcast they stay unanswered.
        String plain = OfferParserTest.broadcaster();
        assertTrue(plain.contains(HeaderExtension.RTP_STREAM_ID));
        NegotiatedMedia video = Negotiator.forBroadcaster(OfferParser.parse(plain)).get(1);
        assertEquals(List.of(), video.rids());
        assertEquals(List.of(TWCC, MID), video.extensions());
        String answer = AnswerBuilderTest.broadcasterAnswer(plain);
        assertFalse(answer.contains("a=rid") || answer.contains("a=simulcast")
                || answer.contains(HeaderExtension.RTP_STREAM_ID), answer);

        String ridsOnly = simulcast().replace("a=simulcast:send l;m;h\r\n", "");
        assertEquals(List.of(), Negotiator.forBroadcaster(OfferParser.parse(ridsOnly)).get(1).rids());
    }

    @Test
    void audioSimulcastIsNotAccepted() throws SdpException {
        String sdp = simulcast().replace("a=rtpmap:111 opus/48000/2\r\n",
                "a=rtpmap:111 opus/48000/2\r\na=rid:a send\r\na=rid:b send\r\na=simulcast:send a;b\r\n");
        Offer offer = OfferParser.parse(sdp);
        assertEquals(2, offer.media().get(0).simulcastLayers().size(), "read, but not taken");
        NegotiatedMedia audio = Negotiator.forBroadcaster(offer).get(0);
        assertEquals(List.of(), audio.rids());
        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer),
                SdpFixtures.localTransport());
        assertEquals(1, answer.lines().filter(l -> l.startsWith("a=simulcast:")).count(), "video's only");
    }

    @Test
    void aViewerOfferWithSimulcastGetsOneStream() throws SdpException {
        String viewer = ViewerNegotiationTest.viewer();
        String withSimulcast = viewer.replace("a=rtpmap:96 VP8/90000\r\n",
                "a=rtpmap:96 VP8/90000\r\na=rid:l recv\r\na=rid:h send\r\na=simulcast:recv l send h\r\n");
        assertTrue(withSimulcast.contains("a=simulcast"), "the viewer fixture has VP8 at 96");
        Offer offer = OfferParser.parse(withSimulcast);
        List<NegotiatedMedia> source = ViewerNegotiationTest.source(simulcast());
        List<NegotiatedMedia> accepted = Negotiator.forViewer(offer, source);
        assertTrue(accepted.stream().allMatch(n -> n.rids().isEmpty()));
        assertTrue(accepted.stream().noneMatch(n -> n.extensionId(HeaderExtension.RTP_STREAM_ID) != 0));

        String answer = AnswerBuilder.forViewer(offer, accepted, SdpFixtures.localTransport(), Map.of(
                "0", new OutgoingStream(11111111L, "beam", "stream-a", "audio-track"),
                "1", new OutgoingStream(22222222L, "beam", "stream-a", "video-track")));
        assertFalse(answer.contains("a=rid") || answer.contains("a=simulcast"), answer);
        assertTrue(answer.contains("a=ssrc:22222222 cname:beam\r\n"));
    }
}
