package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfferParserTest {

    @Test
    void parsesChromiumBroadcasterOffer() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.BROADCASTER);
        assertEquals("3e/q", offer.iceUfrag());
        assertEquals("Fbe9FlhH6+B9PU26VYWy1UnB", offer.icePwd());
        assertEquals(new Fingerprint("sha-256", "37:7F:80:0C:9C:FF:75:EC:A1:C3:96:11:79:49:19:8B:CF:31:96:F2:63:1F"
                + ":F4:9B:A7:EB:C1:60:F7:F6:D1:CA"), offer.fingerprint());
        assertEquals("actpass", offer.setup());
        assertEquals(List.of("0", "1"), offer.bundleMids());
        assertEquals(2, offer.media().size());

        MediaDescription audio = offer.media().get(0);
        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals("0", audio.mid());
        assertEquals(Direction.SENDONLY, audio.direction());
        assertTrue(audio.rtcpMux());
        assertTrue(audio.rtcpReducedSize());
        assertEquals("UDP/TLS/RTP/SAVPF", audio.protocol());
        Codec opus = codec(audio, "opus");
        assertEquals(111, opus.payloadType());
        assertEquals(48000, opus.clockRate());
        assertEquals(2, opus.channels());
        assertEquals("minptime=10;useinbandfec=1", opus.fmtp());
        assertEquals(List.of("transport-cc"), opus.rtcpFeedback());
        assertEquals(new HeaderExtension(4, "urn:ietf:params:rtp-hdrext:sdes:mid"), extension(audio, "sdes:mid"));
        assertEquals(List.of(2955742156L), audio.ssrcs());

        MediaDescription video = offer.media().get(1);
        assertEquals(MediaKind.VIDEO, video.kind());
        assertEquals("1", video.mid());
        assertEquals(Direction.SENDONLY, video.direction());
        assertEquals(96, codec(video, "VP8").payloadType());
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"),
                codec(video, "VP8").rtcpFeedback());
        assertEquals(List.of(102, 104, 108, 114, 116, 39), video.codecs().stream()
                .filter(c -> c.isNamed("H264")).map(Codec::payloadType).toList());
        assertEquals("42e01f", video.codecs().stream().filter(c -> c.payloadType() == 108).findFirst().orElseThrow()
                .fmtpParameter("profile-level-id"));
        assertEquals(4, extension(video, "sdes:mid").id());
        assertEquals(14, extension(video, "toffset").id());
        // The FID group's second SSRC (494071902) is the RTX stream, not a primary one.
        assertEquals(List.of(2479014132L), video.ssrcs());
    }

    @Test
    void parsesChromiumViewerOffer() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.VIEWER);
        assertEquals("Ehxy", offer.iceUfrag());
        assertEquals(List.of("0", "1"), offer.bundleMids());
        assertEquals(List.of(Direction.RECVONLY, Direction.RECVONLY),
                offer.media().stream().map(MediaDescription::direction).toList());
        assertEquals(111, codec(offer.media().get(0), "opus").payloadType());
        assertEquals(96, codec(offer.media().get(1), "VP8").payloadType());
        assertTrue(offer.media().get(1).ssrcs().isEmpty(), "a recvonly offer announces no SSRC");
    }

    @Test
    void parsesChromiumAudioOnlyOffer() throws SdpException {
        Offer offer = SdpFixtures.parse(SdpFixtures.AUDIO_ONLY);
        assertEquals(List.of("0"), offer.bundleMids());
        assertEquals(1, offer.media().size());
        assertEquals(MediaKind.AUDIO, offer.media().get(0).kind());
        assertEquals(1, offer.media().get(0).ssrcs().size());
    }

    @Test
    void acceptsBareLineFeeds() throws SdpException {
        Offer offer = OfferParser.parse(SdpFixtures.load(SdpFixtures.BROADCASTER).replace("\r\n", "\n"));
        assertEquals("3e/q", offer.iceUfrag());
        assertEquals("minptime=10;useinbandfec=1", codec(offer.media().get(0), "opus").fmtp());
    }

    @Test
    void readsSessionLevelTransportAttributes() throws SdpException {
        String sdp = SdpFixtures.load(SdpFixtures.AUDIO_ONLY);
        String ufrag = line(sdp, "a=ice-ufrag:");
        String pwd = line(sdp, "a=ice-pwd:");
        String fingerprint = line(sdp, "a=fingerprint:");
        sdp = sdp.replace(ufrag + "\r\n", "").replace(pwd + "\r\n", "").replace(fingerprint + "\r\n", "")
                .replace("a=setup:actpass", "a=setup:active")
                .replace("a=msid-semantic", ufrag + "\r\n" + pwd + "\r\n" + fingerprint + "\r\na=msid-semantic");
        Offer offer = OfferParser.parse(sdp);
        assertEquals(ufrag.substring("a=ice-ufrag:".length()), offer.iceUfrag());
        assertEquals("sha-256", offer.fingerprint().algorithm());
        assertEquals("active", offer.setup());
    }

    @Test
    void mediaLevelWinsOverSessionLevel() throws SdpException {
        String sdp = SdpFixtures.load(SdpFixtures.AUDIO_ONLY)
                .replace("a=msid-semantic", "a=ice-ufrag:sessionUfrag\r\na=msid-semantic");
        assertEquals(SdpFixtures.parse(SdpFixtures.AUDIO_ONLY).iceUfrag(), OfferParser.parse(sdp).iceUfrag());
    }

    @Test
    void refusesOfferWithoutBundle() {
        // chromium-offer-no-bundle.sdp is chromium-broadcaster-offer.sdp with its a=group:BUNDLE line deleted.
        SdpException e = assertThrows(SdpException.class, () -> SdpFixtures.parse(SdpFixtures.NO_BUNDLE));
        assertTrue(e.getMessage().contains("BUNDLE"), e.getMessage());
    }

    @Test
    void refusesMediaOutsideTheBundleGroup() {
        String sdp = broadcaster().replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");
        assertTrue(refusal(sdp).contains("video m-line (mid 1) is not in the BUNDLE group"), refusal(sdp));
    }

    @Test
    void refusesMissingRtcpMux() {
        String message = refusal(broadcaster().replace("a=rtcp-mux\r\n", ""));
        assertTrue(message.contains("rtcp-mux"), message);
    }

    @Test
    void refusesMissingFingerprint() {
        String message = refusal(broadcaster().replaceAll("a=fingerprint:[^\r]*\r\n", ""));
        assertTrue(message.contains("fingerprint") && message.contains("sha-256"), message);
    }

    @Test
    void refusesSha1Fingerprint() {
        String message = refusal(broadcaster().replaceAll("a=fingerprint:sha-256 [^\r]*",
                "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB"));
        assertTrue(message.contains("sha-1") && message.contains("sha-256"), message);
    }

    @Test
    void refusesMissingIceCredentials() {
        assertTrue(refusal(broadcaster().replaceAll("a=ice-ufrag:[^\r]*\r\n", "")).contains("ice-ufrag"));
        assertTrue(refusal(broadcaster().replaceAll("a=ice-pwd:[^\r]*\r\n", "")).contains("ice-pwd"));
    }

    @Test
    void refusesPassiveSetup() {
        String message = refusal(broadcaster().replace("a=setup:actpass", "a=setup:passive"));
        assertTrue(message.contains("setup:passive") && message.contains("actpass"), message);
    }

    @Test
    void refusesOtherRtpProfiles() {
        String message = refusal(broadcaster().replace("m=video 9 UDP/TLS/RTP/SAVPF", "m=video 9 RTP/AVP"));
        assertTrue(message.contains("RTP/AVP") && message.contains("UDP/TLS/RTP/SAVPF"), message);
    }

    @Test
    void refusesGarbage() {
        assertTrue(refusal("hello world").contains("not SDP"));
        assertTrue(refusal("").contains("empty"));
        assertTrue(refusal(null).contains("empty"));
        assertTrue(refusal("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n").contains("no m= lines"));
        assertTrue(refusal(broadcaster().replace("s=-", "this is not sdp")).contains("line 3"));
        assertTrue(refusal(broadcaster().replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8")).contains("rtpmap"));
        assertTrue(refusal(broadcaster().replace("a=extmap:14 ", "a=extmap:x ")).contains("extmap"));
    }

    @Test
    void refusesOversizeOffers() {
        String longLine = "a=x-pad:" + "x".repeat(SdpText.MAX_LINE_LENGTH);
        assertTrue(refusal(broadcaster().replace("s=-", "s=-\r\n" + longLine)).contains("too long"));
        String manyLines = "a=x\r\n".repeat(SdpLimits.MAX_LINES);
        assertTrue(refusal(broadcaster() + manyLines).contains("too many lines"));
    }

    @Test
    void applicationMLineIsParsedWithoutKind() throws SdpException {
        Offer offer = OfferParser.parse(withDataChannel(broadcaster()));
        MediaDescription data = offer.media().get(2);
        assertNull(data.kind());
        assertEquals("application", data.rawKind());
        assertEquals(List.of("webrtc-datachannel"), data.formats());
        assertEquals(List.of("0", "1", "2"), offer.bundleMids());
    }

    static String broadcaster() {
        return SdpFixtures.load(SdpFixtures.BROADCASTER);
    }

    /** Appends a bundled data channel m-line, as Chromium writes it. */
    static String withDataChannel(String sdp) {
        return sdp.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=mid:2\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n";
    }

    static String refusal(String sdp) {
        return assertThrows(SdpException.class, () -> OfferParser.parse(sdp)).getMessage();
    }

    static Codec codec(MediaDescription m, String name) {
        return m.codecs().stream().filter(c -> c.isNamed(name)).findFirst().orElseThrow();
    }

    private static HeaderExtension extension(MediaDescription m, String uriSuffix) {
        return m.extensions().stream().filter(e -> e.uri().endsWith(uriSuffix)).findFirst().orElseThrow();
    }

    private static String line(String sdp, String prefix) {
        return sdp.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}
