package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BroadcasterNegotiationTest {
    private static final HeaderExtension MID = new HeaderExtension(4, "urn:ietf:params:rtp-hdrext:sdes:mid");
    private static final HeaderExtension TWCC = new HeaderExtension(3,
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");

    @Test
    void picksOpusAndVp8WithTheOffersPayloadTypes() throws SdpException {
        List<NegotiatedMedia> media = Negotiator.forBroadcaster(SdpFixtures.parse(SdpFixtures.BROADCASTER));
        assertEquals(2, media.size());

        NegotiatedMedia audio = media.get(0);
        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals("0", audio.mid());
        assertEquals(111, audio.codec().payloadType());
        assertEquals("opus", audio.codec().name());
        assertEquals(List.of("transport-cc"), audio.codec().rtcpFeedback());
        assertEquals(List.of(TWCC, MID), audio.extensions(), "offer order; abs-send-time, audio-level dropped");
        assertEquals(List.of(2955742156L), audio.remoteSsrcs());
        assertEquals(0, audio.rtxPayloadType());

        NegotiatedMedia video = media.get(1);
        assertEquals(MediaKind.VIDEO, video.kind());
        assertEquals(96, video.codec().payloadType());
        assertEquals("VP8", video.codec().name());
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), video.codec().rtcpFeedback());
        assertEquals(List.of(TWCC, MID), video.extensions());
        assertEquals(3, video.extensionId(HeaderExtension.TRANSPORT_CC));
        assertEquals(4, video.extensionId(HeaderExtension.MID));
        assertEquals(0, video.extensionId("urn:ietf:params:rtp-hdrext:toffset"));
        assertEquals(List.of(2479014132L), video.remoteSsrcs(), "the offer's RTX SSRC is not a primary one");
        // Chromium offers rtx (97, apt=96), red and ulpfec: rtx is taken, so it resends and probes on RTX.
        assertEquals(97, video.rtxPayloadType());
        assertTrue(video.hasRtx());
        assertEquals(Map.of(494071902L, 2479014132L), video.rtxSsrcs(), "a=ssrc-group:FID, RTX to primary");
        assertEquals(Map.of(), audio.rtxSsrcs());
    }

    @Test
    void takesNoRtxWhenNoneIsOfferedForTheChosenCodec() throws SdpException {
        String sdp = SdpEdits.removePayload(OfferParserTest.broadcaster(), 97);
        NegotiatedMedia video = Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1);
        assertEquals(96, video.codec().payloadType());
        assertEquals(0, video.rtxPayloadType(), "no rtx with apt=96 left");
        assertEquals(Map.of(), video.rtxSsrcs(), "the FID is of no use without RTX");
    }

    @Test
    void keepsOnlyTheFeedbackTheOfferListsForTheChosenCodec() throws SdpException {
        String sdp = OfferParserTest.broadcaster().replace("a=rtcp-fb:96 goog-remb\r\n", "")
                .replace("a=rtcp-fb:96 nack\r\n", "").replace("a=rtcp-fb:111 transport-cc\r\n", "");
        List<NegotiatedMedia> media = Negotiator.forBroadcaster(OfferParser.parse(sdp));
        assertEquals(List.of(), media.get(0).codec().rtcpFeedback());
        assertEquals(List.of("transport-cc", "ccm fir", "nack pli"), media.get(1).codec().rtcpFeedback());
        assertTrue(media.get(1).hasFeedback("nack pli"));
        assertFalse(media.get(1).hasFeedback("nack"));
    }

    @Test
    void keepsTheTransportCcExtensionUnderTheOfferersId() throws SdpException {
        String sdp = OfferParserTest.broadcaster().replace("a=extmap:3 http://www.ietf.org/id/draft-holmer",
                "a=extmap:12 http://www.ietf.org/id/draft-holmer");
        NegotiatedMedia video = Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1);
        assertEquals(12, video.extensionId(HeaderExtension.TRANSPORT_CC));

        String without = OfferParserTest.broadcaster().lines().filter(l -> !l.contains("transport-wide-cc"))
                .map(l -> l + "\r\n").reduce("", String::concat);
        video = Negotiator.forBroadcaster(OfferParser.parse(without)).get(1);
        assertEquals(List.of(MID), video.extensions());
    }

    @Test
    void givesH264ItsOwnRtx() throws SdpException {
        String sdp = SdpEdits.removeCodec(OfferParserTest.broadcaster(), "VP8");
        NegotiatedMedia video = Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1);
        assertEquals(108, video.codec().payloadType());
        assertEquals(109, video.rtxPayloadType(), "the offer's 109 apt=108");
        assertTrue(video.hasFeedback("transport-cc"));
    }

    @Test
    void usesTheOfferersPayloadTypeNumbers() throws SdpException {
        String sdp = SdpEdits.renumberPayload(OfferParserTest.broadcaster(), 96, 127);
        assertEquals(127, Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1).codec().payloadType());
    }

    @Test
    void picksH264ConstrainedBaselineWhenVp8IsNotOffered() throws SdpException {
        String sdp = SdpEdits.removeCodec(OfferParserTest.broadcaster(), "VP8");
        Codec codec = Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1).codec();
        assertEquals("H264", codec.name());
        assertEquals(108, codec.payloadType(), "42e01f with packetization-mode=1 is preferred");
        assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", codec.fmtp());
    }

    @Test
    void takesAnyPacketizationMode1H264WhenThePreferredProfileIsMissing() throws SdpException {
        String sdp = SdpEdits.removePayload(SdpEdits.removeCodec(OfferParserTest.broadcaster(), "VP8"), 108);
        Codec codec = Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1).codec();
        assertEquals(102, codec.payloadType(), "first H264 with packetization-mode=1 in offer order");
    }

    @Test
    void acceptsAudioOnly() throws SdpException {
        List<NegotiatedMedia> media = Negotiator.forBroadcaster(SdpFixtures.parse(SdpFixtures.AUDIO_ONLY));
        assertEquals(1, media.size());
        assertEquals(MediaKind.AUDIO, media.get(0).kind());
        assertEquals("opus", media.get(0).codec().name());
    }

    @Test
    void refusesVideoWithoutAnAcceptableCodec() {
        String sdp = only(OfferParserTest.broadcaster(), "theora");
        SdpException e = assertThrows(SdpException.class, () -> Negotiator.forBroadcaster(OfferParser.parse(sdp)));
        assertTrue(e.getMessage().contains("VP8") && e.getMessage().contains("H264")
                && e.getMessage().contains("AV1"), e.getMessage());
    }

    @Test
    void refusesH264InSingleNalModeOnly() {
        String sdp = only(OfferParserTest.broadcaster(), "H264").replace("packetization-mode=1", "packetization-mode=0");
        assertThrows(SdpException.class, () -> Negotiator.forBroadcaster(OfferParser.parse(sdp)));
    }

    @Test
    void takesTheFirstForwardableVideoCodecInTheOffersOrder() throws SdpException {
        assertEquals("VP8", videoCodec(OfferParserTest.broadcaster()).name(), "Chromium lists VP8 first");
        Codec vp9 = videoCodec(only(OfferParserTest.broadcaster(), "VP9"));
        assertEquals(98, vp9.payloadType(), "VP9 profile 0, not the profile 2 at 100");
        Codec av1 = videoCodec(only(OfferParserTest.broadcaster(), "AV1"));
        assertEquals(45, av1.payloadType());
        assertEquals("level-idx=5;profile=0;tier=0", av1.fmtp());
    }

    @Test
    void refusesVp9OtherThanProfile0() {
        String sdp = SdpEdits.removePayload(only(OfferParserTest.broadcaster(), "VP9"), 98);
        assertThrows(SdpException.class, () -> Negotiator.forBroadcaster(OfferParser.parse(sdp)));
    }

    private static Codec videoCodec(String sdp) throws SdpException {
        return Negotiator.forBroadcaster(OfferParser.parse(sdp)).get(1).codec();
    }

    /** The offer with no video codec left but {@code keep} (and the audio's). */
    private static String only(String sdp, String keep) {
        for (String codec : List.of("VP8", "VP9", "AV1", "H264")) {
            if (!codec.equals(keep)) {
                sdp = SdpEdits.removeCodec(sdp, codec);
            }
        }
        return sdp;
    }

    @Test
    void refusesAudioWithoutOpus() {
        String sdp = SdpEdits.removeCodec(OfferParserTest.broadcaster(), "opus");
        SdpException e = assertThrows(SdpException.class, () -> Negotiator.forBroadcaster(OfferParser.parse(sdp)));
        assertTrue(e.getMessage().contains("opus"), e.getMessage());
    }

    @Test
    void refusesABroadcasterThatDoesNotSend() {
        SdpException e = assertThrows(SdpException.class,
                () -> Negotiator.forBroadcaster(SdpFixtures.parse(SdpFixtures.VIEWER)));
        assertTrue(e.getMessage().contains("recvonly"), e.getMessage());
    }

    @Test
    void treatsSendrecvAsSending() throws SdpException {
        String sdp = OfferParserTest.broadcaster().replace("a=sendonly", "a=sendrecv");
        assertEquals(2, Negotiator.forBroadcaster(OfferParser.parse(sdp)).size());
    }

    @Test
    void leavesOutDataChannelsAndExtraMLines() throws SdpException {
        String sdp = OfferParserTest.withDataChannel(OfferParserTest.broadcaster());
        // A second video m-line: a copy of the first under mid 3.
        String video = sdp.substring(sdp.indexOf("m=video"), sdp.indexOf("m=application"));
        sdp = sdp.replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1 2 3") + video.replace("a=mid:1", "a=mid:3");
        List<NegotiatedMedia> media = Negotiator.forBroadcaster(OfferParser.parse(sdp));
        assertEquals(List.of("0", "1"), media.stream().map(NegotiatedMedia::mid).toList());
    }

    @Test
    void refusesAnOfferWithNothingToAccept() {
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=setup:actpass\r\na=fingerprint:"
                + SdpFixtures.SERVER_FINGERPRINT.attributeValue() + "\r\n";
        SdpException e = assertThrows(SdpException.class, () -> Negotiator.forBroadcaster(OfferParser.parse(sdp)));
        assertTrue(e.getMessage().contains("no audio or video"), e.getMessage());
    }
}
