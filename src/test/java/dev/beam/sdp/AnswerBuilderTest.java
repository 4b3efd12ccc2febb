package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerBuilderTest {
    private static final LocalTransport LOCAL = SdpFixtures.localTransport();

    /** Reads an answer with the offer parser; only a=setup differs, as an offer may not be passive. */
    static Offer parseAnswer(String answer) throws SdpException {
        return OfferParser.parse(answer.replace("a=setup:passive", "a=setup:actpass"));
    }

    static String broadcasterAnswer(String offerSdp) throws SdpException {
        Offer offer = OfferParser.parse(offerSdp);
        return AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), LOCAL);
    }

    static String viewerAnswer(String viewerSdp, String broadcasterSdp) throws SdpException {
        return viewerAnswer(viewerSdp, broadcasterSdp, 0);
    }

    /** Both streams get {@code rtxSsrc} (0 = none): the answer announces it only where RTX was negotiated. */
    static String viewerAnswer(String viewerSdp, String broadcasterSdp, long rtxSsrc) throws SdpException {
        Offer offer = OfferParser.parse(viewerSdp);
        List<NegotiatedMedia> accepted = Negotiator.forViewer(offer, ViewerNegotiationTest.source(broadcasterSdp));
        Map<String, OutgoingStream> streams = Map.of(
                "0", new OutgoingStream(11111111L, "beam", "stream-a", "audio-track", rtxSsrc),
                "1", new OutgoingStream(22222222L, "beam", "stream-a", "video-track", rtxSsrc));
        return AnswerBuilder.forViewer(offer, accepted, LOCAL, streams);
    }

    @Test
    void broadcasterAnswerAcceptsAudioAndVideo() throws SdpException {
        String answer = broadcasterAnswer(OfferParserTest.broadcaster());
        assertTrue(answer.startsWith("v=0\r\no=- "), answer);
        assertTrue(answer.endsWith("\r\n"));
        assertFalse(answer.replace("\r\n", "").contains("\n"), "every line ends with CRLF");
        assertFalse(answer.contains("ice-lite"), "the server is full ICE");
        assertTrue(answer.contains("\r\na=group:BUNDLE 0 1\r\n"));
        assertEquals(2, count(answer, "a=setup:passive"));
        assertEquals(2, count(answer, "a=fingerprint:" + SdpFixtures.SERVER_FINGERPRINT.attributeValue()));
        assertEquals(2, count(answer, "a=recvonly"));
        assertEquals(2, count(answer, "a=rtcp-mux"));
        assertEquals(2, count(answer, "a=rtcp-rsize"));
        assertEquals(1, count(answer, "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host"));
        assertEquals(1, count(answer, "a=end-of-candidates"));
        assertTrue(answer.contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"));
        assertTrue(answer.contains("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
                + "a=rtcp-fb:111 transport-cc\r\n"));
        // VP8 and its rtx (RFC 4588 §8.1), no red or ulpfec: Chromium resends and probes on its RTX stream.
        assertTrue(answer.contains("m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n"));
        assertTrue(answer.contains("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 transport-cc\r\n"
                + "a=rtcp-fb:96 ccm fir\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n"
                + "a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"));
        assertEquals(1, count(answer, "a=rtpmap:97 rtx/90000"), "rtx for the chosen codec only");
        assertFalse(answer.contains("red/") || answer.contains("ulpfec") || answer.contains("a=ssrc"));
        assertFalse(answer.contains(HeaderExtension.REPAIRED_RTP_STREAM_ID), "repaired-rid only with simulcast");
        assertFalse(answer.contains("\r\nb="), "no bitrate cap unless asked for");
        assertEquals(2, count(answer, "a=extmap:3 " + HeaderExtension.TRANSPORT_CC));
        assertEquals(2, count(answer, "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid"));
        assertEquals(4, count(answer, "a=extmap:"));

        Offer parsed = parseAnswer(answer);
        assertEquals("beamSrv1", parsed.iceUfrag());
        assertEquals(SdpFixtures.SERVER_FINGERPRINT, parsed.fingerprint());
        assertEquals(List.of("0", "1"), parsed.bundleMids());
        assertEquals(List.of(Direction.RECVONLY, Direction.RECVONLY),
                parsed.media().stream().map(MediaDescription::direction).toList());
        assertEquals(List.of(96, 97), parsed.media().get(1).codecs().stream().map(Codec::payloadType).toList());
    }

    @Test
    void broadcasterAnswerCapsVideoBitrateAfterTheConnectionLine() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.BROADCASTER);
        List<NegotiatedMedia> accepted = Negotiator.forBroadcaster(offer);
        String answer = AnswerBuilder.forBroadcaster(offer, accepted, LOCAL, VideoBitrates.max(2_500_000));
        // RFC 8866 §5 order: m=, c=, b=, then attributes; AS in kbps, TIAS in bps.
        assertTrue(answer.contains("m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\nb=AS:2500\r\n"
                + "b=TIAS:2500000\r\na=mid:1\r\n"), answer);
        assertEquals(1, count(answer, "b=AS:"), "audio is not capped");
        assertEquals(1, count(answer, "b=TIAS:"));
        assertTrue(answer.contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"));

        assertTrue(AnswerBuilder.forBroadcaster(offer, accepted, LOCAL, VideoBitrates.max(300_500))
                .contains("\r\nb=AS:301\r\nb=TIAS:300500\r\n"), "AS rounds up");
        assertEquals(AnswerBuilder.forBroadcaster(offer, accepted, LOCAL),
                AnswerBuilder.forBroadcaster(offer, accepted, LOCAL, VideoBitrates.max(0)), "0 means no cap");
        assertThrows(IllegalArgumentException.class, () -> VideoBitrates.max(-1));
        assertThrows(IllegalArgumentException.class, () -> VideoBitrates.max(1L << 31));
        assertEquals(List.of(Direction.RECVONLY, Direction.RECVONLY), parseAnswer(answer).media().stream()
                .map(MediaDescription::direction).toList(), "b= lines do not disturb parsing");
    }

    @Test
    void audioOnlyAnswerHasNoVideoBitrates() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.AUDIO_ONLY);
        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), LOCAL,
                new VideoBitrates(1_000_000, 2_500_000));
        assertFalse(answer.contains("\r\nb=") || answer.contains("x-google"), answer);
    }

    @Test
    void broadcasterAnswerRejectsDataChannelsAndExtraMLines() throws SdpException {
        String sdp = OfferParserTest.withDataChannel(OfferParserTest.broadcaster());
        String video = sdp.substring(sdp.indexOf("m=video"), sdp.indexOf("m=application"));
        sdp = sdp.replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1 2 3") + video.replace("a=mid:1", "a=mid:3");
        String answer = broadcasterAnswer(sdp);
        assertTrue(answer.contains("a=group:BUNDLE 0 1\r\n"), answer);
        assertTrue(answer.contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n"));
        assertTrue(answer.contains("m=video 0 UDP/TLS/RTP/SAVPF 96 97 102 "), answer);
        assertTrue(answer.endsWith("a=mid:3\r\n"), "the rejected m-line carries only c= and a=mid");
        assertEquals(4, count(answer, "m="), "every offered m-line is answered, in order");
    }

    @Test
    void answersAnMLineTheOffererDisabledWithPortZero() throws SdpException {
        String sdp = OfferParserTest.broadcaster().replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0")
                .replace("m=video 9 ", "m=video 0 ");
        String answer = broadcasterAnswer(sdp);
        assertTrue(answer.contains("a=group:BUNDLE 0\r\n"));
        assertTrue(answer.contains("m=video 0 UDP/TLS/RTP/SAVPF 96 "));
    }

    @Test
    void audioOnlyAnswer() throws SdpException {
        String answer = broadcasterAnswer(SdpFixtures.load(SdpFixtures.AUDIO_ONLY));
        assertTrue(answer.contains("a=group:BUNDLE 0\r\n"));
        assertEquals(1, count(answer, "m="));
        assertEquals(1, count(answer, "a=candidate:"));
    }

    @Test
    void viewerAnswerSendsWithMsidAndSsrc() throws SdpException {
        String answer = viewerAnswer(ViewerNegotiationTest.viewer(), OfferParserTest.broadcaster());
        assertTrue(answer.contains("a=group:BUNDLE 0 1\r\n"));
        assertEquals(2, count(answer, "a=sendonly"));
        assertTrue(answer.contains("a=msid:stream-a audio-track\r\n"));
        assertTrue(answer.contains("a=ssrc:11111111 cname:beam\r\na=ssrc:11111111 msid:stream-a audio-track\r\n"));
        assertTrue(answer.contains("a=msid:stream-a video-track\r\n"));
        assertTrue(answer.contains("a=ssrc:22222222 cname:beam\r\na=ssrc:22222222 msid:stream-a video-track\r\n"));
        assertEquals(2, count(answer, "a=setup:passive"));
        assertFalse(answer.contains("ice-lite"));
        // Loss repair and transport-cc toward viewers; RTX format listed, but no RTX SSRC was given.
        assertTrue(answer.contains("m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n"), answer);
        assertTrue(answer.contains("a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 transport-cc\r\na=rtcp-fb:96 ccm fir\r\n"
                + "a=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"), answer);
        assertFalse(answer.contains("goog-remb") || answer.contains("\r\nb="));
        assertFalse(answer.contains("a=ssrc-group"));
        assertEquals(4, count(answer, "a=extmap:"), "mid and transport-wide sequence numbers, on each m-line");
        assertEquals(2, count(answer, "a=extmap:3 " + HeaderExtension.TRANSPORT_CC));

        Offer parsed = parseAnswer(answer);
        assertEquals(List.of(11111111L), parsed.media().get(0).ssrcs());
        assertEquals(List.of(22222222L), parsed.media().get(1).ssrcs());
        assertEquals(Direction.SENDONLY, parsed.media().get(1).direction());
    }

    @Test
    void viewerAnswerAnnouncesTheRtxStream() throws SdpException {
        String answer = viewerAnswer(ViewerNegotiationTest.viewer(), OfferParserTest.broadcaster(), 33333333L);
        String video = answer.substring(answer.indexOf("m=video"));
        assertTrue(video.contains("a=ssrc-group:FID 22222222 33333333\r\n"
                + "a=ssrc:22222222 cname:beam\r\na=ssrc:22222222 msid:stream-a video-track\r\n"
                + "a=ssrc:33333333 cname:beam\r\na=ssrc:33333333 msid:stream-a video-track\r\n"), video);
        String audio = answer.substring(answer.indexOf("m=audio"), answer.indexOf("m=video"));
        assertFalse(audio.contains("33333333") || audio.contains("rtx"), "no RTX for audio: " + audio);
        assertEquals(1, count(answer, "a=ssrc-group:"));

        Offer parsed = parseAnswer(answer);
        assertEquals(List.of(22222222L), parsed.media().get(1).ssrcs(), "the RTX SSRC is the FID's repair stream");
        Codec rtx = OfferParserTest.codec(parsed.media().get(1), "rtx");
        assertEquals(97, rtx.payloadType());
        assertEquals("96", rtx.fmtpParameter("apt"));
    }

    @Test
    void broadcasterAnswerTellsChromiumWhereItsVideoEstimateStarts() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.BROADCASTER);
        List<NegotiatedMedia> accepted = Negotiator.forBroadcaster(offer);
        String answer = AnswerBuilder.forBroadcaster(offer, accepted, LOCAL, new VideoBitrates(1_000_000, 2_500_000));
        // VP8 has no parameters of its own; Opus keeps its own and gets no start.
        assertTrue(answer.contains("a=rtpmap:96 VP8/90000\r\na=fmtp:96 x-google-start-bitrate=1000\r\n"), answer);
        assertTrue(answer.contains("a=fmtp:111 minptime=10;useinbandfec=1\r\n"), answer);
        assertTrue(answer.contains("a=fmtp:97 apt=96\r\n"), "RTX keeps only apt: " + answer);
        assertEquals(answer.indexOf("x-google-start-bitrate"), answer.lastIndexOf("x-google-start-bitrate"), "once");
        Codec video = parseAnswer(answer).media().get(1).codecs().get(0);
        assertEquals("1000", video.fmtpParameter("x-google-start-bitrate"), "parses back");
        assertFalse(AnswerBuilder.forBroadcaster(offer, accepted, LOCAL, new VideoBitrates(1_500_000, 0))
                .contains("b=AS"), "a start without a cap");

        assertThrows(IllegalArgumentException.class, () -> new VideoBitrates(3_000_000, 2_500_000), "over the max");
        assertThrows(IllegalArgumentException.class, () -> new VideoBitrates(999, 0), "below a kbit/s");
    }

    @Test
    void broadcasterAnswerAddsTheStartToTheCodecsOwnParameters() throws SdpException {
        Offer offer = OfferParser.parse(SdpEdits.removeCodec(OfferParserTest.broadcaster(), "VP8"));
        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), LOCAL,
                new VideoBitrates(1_000_000, 0));
        Codec video = parseAnswer(answer).media().get(1).codecs().get(0);
        assertEquals("H264", video.name(), answer);
        assertEquals("1000", video.fmtpParameter("x-google-start-bitrate"), answer);
        assertTrue(answer.contains("a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f;"
                + "x-google-start-bitrate=1000\r\n"), "the offered parameters stay: " + answer);
    }

    @Test
    void viewerAnswerUsesTheViewersRenumberedRtx() throws SdpException {
        String sdp = SdpEdits.renumberPayload(
                SdpEdits.renumberPayload(ViewerNegotiationTest.viewer(), 96, 127), 97, 123);
        String answer = viewerAnswer(sdp, OfferParserTest.broadcaster(), 33333333L);
        assertTrue(answer.contains("m=video 9 UDP/TLS/RTP/SAVPF 127 123\r\n"), answer);
        assertTrue(answer.contains("a=rtpmap:123 rtx/90000\r\na=fmtp:123 apt=127\r\n"));
        assertTrue(answer.contains("a=ssrc-group:FID 22222222 33333333\r\n"));
    }

    @Test
    void viewerOfferWithoutRtxGetsNoRtxLinesEvenWithAnRtxSsrc() throws SdpException {
        String answer = viewerAnswer(SdpEdits.removeCodec(ViewerNegotiationTest.viewer(), "rtx"),
                OfferParserTest.broadcaster(), 33333333L);
        assertTrue(answer.contains("m=video 9 UDP/TLS/RTP/SAVPF 96\r\n"), answer);
        assertFalse(answer.contains("rtx") || answer.contains("apt=") || answer.contains("ssrc-group")
                || answer.contains("33333333"), answer);
        assertTrue(answer.contains("a=rtcp-fb:96 nack\r\n"), "NACK still works: retransmitted on the SSRC");
    }

    @Test
    void outgoingStreamRtxSsrcIsOptionalAndDistinct() {
        assertEquals(0, new OutgoingStream(1, "c", "s", "t").rtxSsrc());
        assertFalse(new OutgoingStream(1, "c", "s", "t").hasRtx());
        assertThrows(IllegalArgumentException.class, () -> new OutgoingStream(1, "c", "s", "t", 1));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingStream(1, "c", "s", "t", 1L << 32));
    }

    @Test
    void viewerAnswerLeavesMLinesWithoutSourceInactiveButBundled() throws SdpException {
        String answer = viewerAnswer(ViewerNegotiationTest.viewer(), SdpFixtures.load(SdpFixtures.AUDIO_ONLY));
        assertTrue(answer.contains("a=group:BUNDLE 0 1\r\n"), answer);
        String video = answer.substring(answer.indexOf("m=video"));
        assertTrue(video.startsWith("m=video 9 UDP/TLS/RTP/SAVPF 96\r\n"), video);
        assertTrue(video.contains("a=inactive\r\n"));
        assertFalse(video.contains("a=msid") || video.contains("a=ssrc") || video.contains("rtx"));
        assertTrue(video.contains("a=rtcp-fb:96 nack\r\n"));
        assertEquals(1, count(answer, "a=msid:"));
    }

    @Test
    void viewerAnswerNeedsAStreamForEachAcceptedMid() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.VIEWER);
        List<NegotiatedMedia> accepted = Negotiator.forViewer(offer,
                ViewerNegotiationTest.source(OfferParserTest.broadcaster()));
        assertThrows(IllegalArgumentException.class, () -> AnswerBuilder.forViewer(offer, accepted, LOCAL, Map.of()));
    }

    @Test
    void writesEveryCandidateWithItsOwnFoundationAndPriority() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.BROADCASTER);
        LocalTransport local = new LocalTransport("beamSrv1", "k9Qm2vX7pL4sT8wZ1nB6cR3d",
                SdpFixtures.SERVER_FINGERPRINT, List.of(new InetSocketAddress("127.0.0.1", 40000),
                        new InetSocketAddress("192.0.2.7", 40000), new InetSocketAddress("::1", 40000)), List.of());
        String answer = AnswerBuilder.forBroadcaster(offer, Negotiator.forBroadcaster(offer), local);
        assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n"
                + "a=candidate:2 1 udp 2130706175 192.0.2.7 40000 typ host\r\n"
                + "a=candidate:3 1 udp 2130705919 0:0:0:0:0:0:0:1 40000 typ host\r\n"
                + "a=end-of-candidates\r\n"), answer);
    }

    @Test
    void answerIsDeterministic() throws SdpException {
        assertEquals(broadcasterAnswer(OfferParserTest.broadcaster()), broadcasterAnswer(OfferParserTest.broadcaster()));
    }

    /** Lines equal to {@code line}, or starting with it when it ends with ':' or '=' (a prefix). */
    private static int count(String text, String line) {
        boolean prefix = line.endsWith(":") || line.endsWith("=");
        return (int) text.lines().filter(l -> l.equals(line) || prefix && l.startsWith(line)).count();
    }
}
