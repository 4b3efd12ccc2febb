package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AV1 dependency descriptor is taken for AV1 where mixed one- and two-byte extensions are allowed
 * (RFC 8285 §6), which its keyframe form needs, and the answer says a=extmap-allow-mixed where the offer did.
 */
class DependencyDescriptorNegotiationTest {
    private static final String DD_LINE = "a=extmap:9 " + HeaderExtension.DEPENDENCY_DESCRIPTOR + "\r\n";
    private static final String ANCHOR = "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n";
    private static final LocalTransport LOCAL = SdpFixtures.localTransport();

    /** The offer with only the video codec {@code keep}, offering the descriptor under id 9 as Chromium may. */
    private static String withDescriptor(String sdp, String keep) {
        for (String codec : List.of("VP8", "VP9", "AV1", "H264")) {
            if (!codec.equals(keep)) {
                sdp = SdpEdits.removeCodec(sdp, codec);
            }
        }
        assertTrue(sdp.contains(ANCHOR));
        return sdp.replace(ANCHOR, ANCHOR + DD_LINE);
    }

    private static String broadcaster(String codec) {
        return withDescriptor(OfferParserTest.broadcaster(), codec);
    }

    private static String viewer(String codec) {
        return withDescriptor(ViewerNegotiationTest.viewer(), codec);
    }

    private static String withoutMixed(String sdp) {
        return sdp.replace("a=extmap-allow-mixed\r\n", "");
    }

    @Test
    void anAv1BroadcasterAllowingMixedFormsHasItsDescriptorTaken() throws SdpException {
        NegotiatedMedia video = Negotiator.forBroadcaster(OfferParser.parse(broadcaster("AV1"))).get(1);
        assertEquals("AV1", video.codec().name());
        assertEquals(9, video.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR));

        NegotiatedMedia vp8 = Negotiator.forBroadcaster(OfferParser.parse(broadcaster("VP8"))).get(1);
        assertEquals(0, vp8.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR), "AV1 only");
        NegotiatedMedia oneForm = Negotiator.forBroadcaster(OfferParser.parse(withoutMixed(broadcaster("AV1")))).get(1);
        assertEquals(0, oneForm.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR),
                "a keyframe's descriptor does not fit the one-byte form");
    }

    @Test
    void mediaLevelAllowMixedCountsToo() throws SdpException {
        String sdp = withoutMixed(broadcaster("AV1")).replace(DD_LINE, DD_LINE + "a=extmap-allow-mixed\r\n");
        Offer offer = OfferParser.parse(sdp);
        assertFalse(offer.extmapAllowMixed());
        NegotiatedMedia video = Negotiator.forBroadcaster(offer).get(1);
        assertEquals(9, video.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR));
        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), LOCAL);
        String session = answer.substring(0, answer.indexOf("m="));
        assertFalse(session.contains("a=extmap-allow-mixed"), "not at session level: the offer had it per m-line");
        String videoSection = answer.substring(answer.indexOf("m=video"));
        assertTrue(videoSection.contains("a=extmap-allow-mixed\r\n"), answer);
    }

    @Test
    void theAnswerAllowsMixedFormsWhereTheOfferDid() throws SdpException {
        Offer offer = OfferParser.parse(broadcaster("AV1"));
        assertTrue(offer.extmapAllowMixed());
        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), LOCAL);
        String session = answer.substring(0, answer.indexOf("m="));
        assertTrue(session.contains("a=extmap-allow-mixed\r\n"), answer);
        assertTrue(answer.contains(DD_LINE), "under the offer's id");

        Offer plain = OfferParser.parse(withoutMixed(OfferParserTest.broadcaster()));
        assertFalse(AnswerBuilder.forBroadcaster(plain, Negotiator.forBroadcaster(plain), LOCAL)
                .contains("extmap-allow-mixed"));
    }

    @Test
    void aViewerGetsTheDescriptorOnlyWhenTheBroadcastHasIt() throws SdpException {
        List<NegotiatedMedia> withDd = ViewerNegotiationTest.source(broadcaster("AV1"));
        NegotiatedMedia video = Negotiator.forViewer(OfferParser.parse(viewer("AV1")), withDd).get(1);
        assertEquals("AV1", video.codec().name());
        assertEquals(9, video.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR));

        List<NegotiatedMedia> withoutDd = ViewerNegotiationTest.source(withoutMixed(broadcaster("AV1")));
        assertEquals(0, Negotiator.forViewer(OfferParser.parse(viewer("AV1")), withoutDd).get(1)
                .extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR));
        assertEquals(0, Negotiator.forViewer(OfferParser.parse(withoutMixed(viewer("AV1"))), withDd).get(1)
                .extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR), "the viewer allows no two-byte form");

        Offer offer = OfferParser.parse(viewer("AV1"));
        Map<String, OutgoingStream> streams = Map.of(
                "0", new OutgoingStream(1111, "beam", "s", "a", 0),
                "1", new OutgoingStream(2222, "beam", "s", "v", 3333));
        String answer = AnswerBuilder.forViewer(offer, Negotiator.forViewer(offer, withDd), LOCAL, streams);
        assertTrue(answer.contains(DD_LINE) && answer.contains("a=extmap-allow-mixed\r\n"), answer);
    }
}
