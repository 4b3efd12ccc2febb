package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerNegotiationTest {

    static List<NegotiatedMedia> source(String broadcasterSdp) throws SdpException {
        return Negotiator.forBroadcaster(OfferParser.parse(broadcasterSdp));
    }

    static String viewer() {
        return SdpFixtures.load(SdpFixtures.VIEWER);
    }

    @Test
    void matchesTheSourceCodecsOnTheViewersMLines() throws SdpException {
        List<NegotiatedMedia> media = Negotiator.forViewer(SdpFixtures.parse(SdpFixtures.VIEWER),
                source(OfferParserTest.broadcaster()));
        assertEquals(List.of("0", "1"), media.stream().map(NegotiatedMedia::mid).toList());
        assertEquals("opus", media.get(0).codec().name());
        assertEquals("VP8", media.get(1).codec().name());
        // The viewer offers goog-remb too; the server estimates each viewer's bandwidth from transport-cc.
        assertEquals(List.of("transport-cc", "ccm fir", "nack", "nack pli"), media.get(1).codec().rtcpFeedback());
        assertEquals(List.of("transport-cc"), media.get(0).codec().rtcpFeedback());
        assertEquals(List.of(new HeaderExtension(3, HeaderExtension.TRANSPORT_CC), new HeaderExtension(4, HeaderExtension.MID)),
                media.get(1).extensions());
        assertEquals(List.of(new HeaderExtension(3, HeaderExtension.TRANSPORT_CC), new HeaderExtension(4, HeaderExtension.MID)),
                media.get(0).extensions());
        assertEquals(3, media.get(1).extensionId(HeaderExtension.TRANSPORT_CC));
        assertEquals(97, media.get(1).rtxPayloadType(), "the viewer's a=fmtp:97 apt=96");
        assertEquals(0, media.get(0).rtxPayloadType(), "no RTX for audio");
    }

    @Test
    void picksTheRtxPayloadTypeWhoseAptIsTheViewersCodec() throws SdpException {
        // The viewer's VP8 renumbered 96 -> 127 (its apt follows) and its RTX 97 -> 123: both are the viewer's own.
        String sdp = SdpEdits.renumberPayload(SdpEdits.renumberPayload(viewer(), 96, 127), 97, 123);
        assertTrue(sdp.contains("a=rtpmap:123 rtx/90000\r\na=fmtp:123 apt=127\r\n"), "the edit renumbers apt too");
        NegotiatedMedia video = Negotiator.forViewer(OfferParser.parse(sdp), source(OfferParserTest.broadcaster()))
                .get(1);
        assertEquals(127, video.codec().payloadType());
        assertEquals(123, video.rtxPayloadType());

        // H.264 from the broadcaster: the viewer's 108 (42e01f, mode 1) is paired with its 109 apt=108.
        List<NegotiatedMedia> h264 = source(SdpEdits.removeCodec(OfferParserTest.broadcaster(), "VP8"));
        video = Negotiator.forViewer(OfferParser.parse(viewer()), h264).get(1);
        assertEquals(108, video.codec().payloadType());
        assertEquals(109, video.rtxPayloadType());
    }

    @Test
    void aViewerOfferWithoutRtxGetsNone() throws SdpException {
        String sdp = SdpEdits.removeCodec(viewer(), "rtx");
        NegotiatedMedia video = Negotiator.forViewer(OfferParser.parse(sdp), source(OfferParserTest.broadcaster()))
                .get(1);
        assertEquals(96, video.codec().payloadType());
        assertEquals(0, video.rtxPayloadType());

        // An rtx whose apt names another codec (VP9's 98) is not the VP8's.
        String other = SdpEdits.removePayload(viewer(), 97);
        video = Negotiator.forViewer(OfferParser.parse(other), source(OfferParserTest.broadcaster())).get(1);
        assertEquals(0, video.rtxPayloadType());
    }

    @Test
    void usesTheViewersPayloadTypesAndExtensionIds() throws SdpException {
        String sdp = SdpEdits.renumberPayload(SdpEdits.renumberPayload(viewer(), 96, 127), 111, 109)
                .replace("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid", "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid");
        List<NegotiatedMedia> media = Negotiator.forViewer(OfferParser.parse(sdp), source(OfferParserTest.broadcaster()));
        assertEquals(109, media.get(0).codec().payloadType());
        assertEquals(127, media.get(1).codec().payloadType());
        assertEquals(97, media.get(1).rtxPayloadType());
        assertEquals(9, media.get(1).extensionId(HeaderExtension.MID));
    }

    @Test
    void sendsOnlyTheKindsTheSourceHas() throws SdpException {
        List<NegotiatedMedia> media = Negotiator.forViewer(SdpFixtures.parse(SdpFixtures.VIEWER),
                source(SdpFixtures.load(SdpFixtures.AUDIO_ONLY)));
        assertEquals(1, media.size());
        assertEquals(MediaKind.AUDIO, media.get(0).kind());
    }

    @Test
    void matchesH264ByPacketizationModeAndProfile() throws SdpException {
        List<NegotiatedMedia> h264 = source(SdpEdits.removeCodec(OfferParserTest.broadcaster(), "VP8"));
        // The viewer's 42e01f (PT 108) at another level still matches: only profile_idc and constraints count.
        String sdp = SdpEdits.removeCodec(viewer(), "VP8").replace("profile-level-id=42e01f", "profile-level-id=42e034");
        NegotiatedMedia video = Negotiator.forViewer(OfferParser.parse(sdp), h264).get(1);
        assertEquals(108, video.codec().payloadType());
        assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e034", video.codec().fmtp());
    }

    @Test
    void matchesVp9AndAv1ByProfile() throws SdpException {
        String vp9Only = SdpEdits.removeCodec(SdpEdits.removeCodec(SdpEdits.removeCodec(OfferParserTest.broadcaster(),
                "VP8"), "H264"), "AV1");
        NegotiatedMedia vp9 = Negotiator.forViewer(OfferParser.parse(viewer()), source(vp9Only)).get(1);
        assertEquals("VP9", vp9.codec().name());
        assertEquals("0", vp9.codec().fmtpParameter("profile-id"), "profile 0, not the viewer's profile 2 too");
        String av1Only = SdpEdits.removeCodec(SdpEdits.removeCodec(SdpEdits.removeCodec(OfferParserTest.broadcaster(),
                "VP8"), "H264"), "VP9");
        NegotiatedMedia av1 = Negotiator.forViewer(OfferParser.parse(viewer()), source(av1Only)).get(1);
        assertEquals("AV1", av1.codec().name());

        String profile2Viewer = SdpEdits.removePayload(viewer(), vp9.codec().payloadType());
        assertThrows(SdpException.class, () -> Negotiator.forViewer(OfferParser.parse(profile2Viewer), source(vp9Only)));
    }

    @Test
    void refusesAViewerThatCannotDecodeTheSourceCodec() throws SdpException {
        List<NegotiatedMedia> h264 = source(SdpEdits.removeCodec(OfferParserTest.broadcaster(), "VP8"));
        // Without PT 108 the viewer has H264 42001f (baseline, not constrained) and 42e01f only in mode 0.
        String sdp = SdpEdits.removePayload(viewer(), 108);
        SdpException e = assertThrows(SdpException.class, () -> Negotiator.forViewer(OfferParser.parse(sdp), h264));
        assertTrue(e.getMessage().contains("cannot decode") && e.getMessage().contains("H264"), e.getMessage());

        String noVp8 = SdpEdits.removeCodec(viewer(), "VP8");
        e = assertThrows(SdpException.class,
                () -> Negotiator.forViewer(OfferParser.parse(noVp8), source(OfferParserTest.broadcaster())));
        assertTrue(e.getMessage().contains("VP8"), e.getMessage());
    }

    @Test
    void refusesASendonlyViewer() {
        SdpException e = assertThrows(SdpException.class, () -> Negotiator.forViewer(
                SdpFixtures.parse(SdpFixtures.BROADCASTER), source(OfferParserTest.broadcaster())));
        assertTrue(e.getMessage().contains("sendonly"), e.getMessage());
    }

    @Test
    void refusesAViewerThatCanReceiveNothingOfTheSource() throws SdpException {
        String videoOnly = viewer().substring(0, viewer().indexOf("m=audio"))
                .replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 1") + viewer().substring(viewer().indexOf("m=video"));
        assertThrows(SdpException.class, () -> Negotiator.forViewer(OfferParser.parse(videoOnly),
                source(SdpFixtures.load(SdpFixtures.AUDIO_ONLY))));
    }
}
