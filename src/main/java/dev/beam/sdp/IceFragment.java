package dev.beam.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An application/trickle-ice-sdpfrag body (RFC 8840 §9.2), as WHIP and WHEP carry it in PATCH requests and in the
 * ICE-restart answer (RFC 9725 §4.3): session-level ICE attributes, then one section per m= line with its mid,
 * credentials, a=candidate values and a=end-of-candidates. Credentials are optional at either level: a trickle
 * fragment may carry them for matching (RFC 9725 §4.3.2), an ICE restart carries new ones (RFC 9725 §4.3.3).
 * Lines the fragment does not need (c=, a=rtcp-mux, extensions) are ignored, as in SDP (RFC 8866 §5.13).
 *
 * @param iceLite    session-level a=ice-lite (RFC 8839 §5.3)
 * @param iceOptions session-level a=ice-options tokens, e.g. trickle, ice2 (RFC 8839 §5.6)
 * @param bundle     the mids of session-level a=group:BUNDLE (RFC 9143), empty without one
 * @param ufrag      session-level a=ice-ufrag, or null
 * @param pwd        session-level a=ice-pwd, or null
 * @param endOfCandidates session-level a=end-of-candidates: no more candidates for any section (RFC 8840)
 * @param media      the m= sections in order
 */
public record IceFragment(boolean iceLite, List<String> iceOptions, List<String> bundle, String ufrag, String pwd,
        boolean endOfCandidates, List<Media> media) {
    /** The media type of the body (RFC 8840). */
    public static final String MEDIA_TYPE = "application/trickle-ice-sdpfrag";
    private static final String NOUN = "ICE fragment";

    /**
     * One m= section.
     *
     * @param mLine           the m= value, e.g. "audio 9 UDP/TLS/RTP/SAVPF 111"
     * @param mid             a=mid, or null
     * @param ufrag           a=ice-ufrag, or null
     * @param pwd             a=ice-pwd, or null
     * @param candidates      a=candidate values, without "a=candidate:"
     * @param endOfCandidates a=end-of-candidates: the sender will trickle no more for this section (RFC 8840)
     */
    public record Media(String mLine, String mid, String ufrag, String pwd, List<String> candidates,
            boolean endOfCandidates) {
        public Media {
            Objects.requireNonNull(mLine, "mLine");
            candidates = List.copyOf(candidates);
        }
    }

    public IceFragment {
        iceOptions = List.copyOf(iceOptions);
        bundle = List.copyOf(bundle);
        media = List.copyOf(media);
    }

    /**
     * The server's answer to an ICE restart (RFC 9725 §4.3.3): its new credentials and all its candidates in the
     * BUNDLE-tag section, ended, since the server gathers its host candidates at once. The body must carry the
     * same ice-options and ice-lite as the SDP answer did (RFC 9725 §4.3.3); Beam's answer has neither (full ICE,
     * no trickle), so neither is written.
     */
    public static IceFragment restartAnswer(List<String> bundle, String mLine, String mid, String ufrag, String pwd,
            List<String> candidates) {
        Media tag = new Media(mLine, mid, ufrag, pwd, candidates, true);
        return new IceFragment(false, List.of(), bundle, null, null, false, List.of(tag));
    }

    /** Parses a fragment within {@link SdpLimits}, in time linear in its length; throws nothing but SdpException. */
    public static IceFragment parse(String body) throws SdpException {
        SdpLimits.check(body, NOUN);
        if (body == null || body.isBlank()) {
            throw new SdpException("the ICE fragment is empty: expected " + MEDIA_TYPE + " lines (RFC 8840 §9.2)");
        }
        return IceFragmentParser.parse(SdpText.lines(body, NOUN));
    }

    /** The body: CRLF-terminated lines, session level first, in the order of RFC 9725 §4.3's examples. */
    public String write() {
        StringBuilder out = new StringBuilder();
        if (iceLite) {
            line(out, "a=ice-lite");
        }
        if (!iceOptions.isEmpty()) {
            line(out, "a=ice-options:" + String.join(" ", iceOptions));
        }
        if (!bundle.isEmpty()) {
            line(out, "a=group:BUNDLE " + String.join(" ", bundle));
        }
        credentials(out, ufrag, pwd);
        if (endOfCandidates) {
            line(out, "a=end-of-candidates");
        }
        for (Media m : media) {
            line(out, "m=" + m.mLine());
            if (m.mid() != null) {
                line(out, "a=mid:" + m.mid());
            }
            credentials(out, m.ufrag(), m.pwd());
            m.candidates().forEach(c -> line(out, "a=candidate:" + c));
            if (m.endOfCandidates()) {
                line(out, "a=end-of-candidates");
            }
        }
        return out.toString();
    }

    /** The fragment's ICE username fragment, wherever it is given (the parser refuses two different ones), or null. */
    public String iceUfrag() {
        return ufrag != null ? ufrag : media.stream().map(Media::ufrag).filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    /** The fragment's ICE password, wherever it is given, or null. */
    public String icePwd() {
        return pwd != null ? pwd : media.stream().map(Media::pwd).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Every a=candidate value, in order. */
    public List<String> candidates() {
        List<String> all = new ArrayList<>();
        media.forEach(m -> all.addAll(m.candidates()));
        return all;
    }

    /** True if the sender has no more candidates: Beam has one bundled transport, so one ended section is enough. */
    public boolean endsCandidates() {
        return endOfCandidates || media.stream().anyMatch(Media::endOfCandidates);
    }

    /**
     * True if this fragment asks for an ICE restart on a session whose remote credentials are the given ones:
     * it carries a ufrag or pwd that differs from them (RFC 9725 §4.3.3, RFC 8839 §4.4.1.1.1). A fragment without
     * credentials, or with the current ones, only trickles.
     */
    public boolean restartsIce(String currentUfrag, String currentPwd) {
        String u = iceUfrag();
        String p = icePwd();
        return (u != null && !u.equals(currentUfrag)) || (p != null && !p.equals(currentPwd));
    }

    private static void credentials(StringBuilder out, String ufrag, String pwd) {
        if (ufrag != null) {
            line(out, "a=ice-ufrag:" + ufrag);
        }
        if (pwd != null) {
            line(out, "a=ice-pwd:" + pwd);
        }
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append("\r\n");
    }
}
