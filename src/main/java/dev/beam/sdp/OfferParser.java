package dev.beam.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a browser's SDP offer and refuses what the server cannot serve: it needs one BUNDLE group
 * (RFC 8843), rtcp-mux (RFC 5761 §5.1.1), ICE credentials (RFC 8839 §5.4), a sha-256 DTLS fingerprint
 * (RFC 8122 §5, RFC 8827 §6.5) and the offerer able to be the DTLS client (RFC 5763 §5).
 */
public final class OfferParser {
    /** The only RTP profile WebRTC uses over UDP (RFC 8829 §5.1.2); the server has no TCP transport. */
    static final String RTP_PROTOCOL = "UDP/TLS/RTP/SAVPF";

    private OfferParser() {
    }

    /** Parses an offer within {@link SdpLimits}, in time linear in its length; throws nothing but SdpException. */
    public static Offer parse(String sdp) throws SdpException {
        SdpLimits.check(sdp);
        SdpText.Sections sections = SdpText.split(sdp);
        List<String> session = sections.session();
        Direction sessionDirection = MediaSectionParser.direction(session, Direction.SENDRECV);
        List<MediaSectionParser.Parsed> parsed = new ArrayList<>();
        Set<String> mids = new HashSet<>();
        for (List<String> lines : sections.media()) {
            MediaSectionParser.Parsed p = MediaSectionParser.parse(lines, sessionDirection);
            String mid = p.media().mid();
            if (mid != null && !mids.add(mid)) {
                throw new SdpException("the offer uses a=mid:" + mid + " on two m-lines; mids must be unique"
                        + " (RFC 5888 §4)");
            }
            parsed.add(p);
        }
        List<String> bundle = bundleGroup(session, parsed);
        for (MediaSectionParser.Parsed p : parsed) {
            checkMedia(p, bundle);
        }
        List<String> transport = transportLines(session, parsed, bundle.get(0));
        String ufrag = required(transport, "ice-ufrag", "an ICE username fragment (a=ice-ufrag, RFC 8839 §5.4)");
        String pwd = required(transport, "ice-pwd", "an ICE password (a=ice-pwd, RFC 8839 §5.4)");
        // ice-char is ALPHA / DIGIT / "+" / "/"; ufrag 4-256 and pwd 22-256 characters (RFC 8839 §5.4).
        if (!ufrag.matches("[A-Za-z0-9+/]{4,256}")) {
            throw new SdpException("the offer's a=ice-ufrag is invalid: 4-256 characters of A-Z a-z 0-9 + / are"
                    + " required (RFC 8839 §5.4)");
        }
        if (!pwd.matches("[A-Za-z0-9+/]{22,256}")) {
            throw new SdpException("the offer's a=ice-pwd is invalid: 22-256 characters of A-Z a-z 0-9 + / are"
                    + " required (RFC 8839 §5.4)");
        }
        List<String> candidates = new ArrayList<>(SdpText.attributes(session, "candidate"));
        parsed.forEach(p -> candidates.addAll(SdpText.attributes(p.lines(), "candidate")));
        return new Offer(ufrag, pwd, fingerprint(transport), setup(transport), bundle,
                parsed.stream().map(MediaSectionParser.Parsed::media).toList(), candidates,
                SdpText.hasAttribute(session, "extmap-allow-mixed"));
    }

    /** The mids of the single BUNDLE group, keeping only live m-lines (RFC 8843 §7.2). */
    private static List<String> bundleGroup(List<String> session, List<MediaSectionParser.Parsed> parsed)
            throws SdpException {
        List<String> groups = SdpText.attributes(session, "group").stream()
                .filter(g -> g.equals("BUNDLE") || g.startsWith("BUNDLE ")).toList();
        if (groups.isEmpty()) {
            throw new SdpException("the offer has no BUNDLE group: BUNDLE and rtcp-mux are required"
                    + " (set bundlePolicy 'max-bundle' or 'balanced' on the RTCPeerConnection)");
        }
        if (groups.size() > 1) {
            throw new SdpException("the offer has " + groups.size() + " BUNDLE groups: the server needs all media"
                    + " in a single BUNDLE group (RFC 8843)");
        }
        List<String> bundle = new ArrayList<>();
        for (String mid : groups.get(0).substring("BUNDLE".length()).trim().split(" +")) {
            MediaSectionParser.Parsed p = parsed.stream().filter(x -> mid.equals(x.media().mid())).findFirst()
                    .orElse(null);
            if (!mid.isEmpty() && p == null) {
                throw new SdpException("the offer's BUNDLE group names mid " + mid + ", which no m-line has"
                        + " (RFC 8843 §7.2)");
            }
            if (p != null && p.live() && !bundle.contains(mid)) {
                bundle.add(mid);
            }
        }
        if (bundle.isEmpty()) {
            throw new SdpException("the offer's BUNDLE group is empty: BUNDLE and rtcp-mux are required");
        }
        return bundle;
    }

    /** Each live audio/video m-line must be bundled, rtcp-muxed and use the WebRTC RTP profile. */
    private static void checkMedia(MediaSectionParser.Parsed p, List<String> bundle) throws SdpException {
        MediaDescription m = p.media();
        if (m.kind() == null || !p.live()) {
            return; // not forwarded or already disabled by the offerer: answered with port 0
        }
        if (m.mid() == null || !bundle.contains(m.mid())) {
            throw new SdpException("the offer's " + m.label() + " is not in the BUNDLE group: BUNDLE and rtcp-mux"
                    + " are required for every audio and video m-line (RFC 8843)");
        }
        if (!m.rtcpMux()) {
            throw new SdpException("the offer's " + m.label() + " has no a=rtcp-mux: BUNDLE and rtcp-mux are"
                    + " required (RFC 5761 §5.1.1, RFC 8843 §9.3)");
        }
        if (!RTP_PROTOCOL.equals(m.protocol())) {
            throw new SdpException("the offer's " + m.label() + " uses protocol " + m.protocol() + "; the server"
                    + " takes only " + RTP_PROTOCOL + " (RFC 8829 §5.1.2)");
        }
    }

    /**
     * Where transport attributes are read: the BUNDLE-tag m-line's (the first mid of the group, RFC 8843
     * §7.2.1) win over the session level's (RFC 8866 §5: media-level attributes override session-level ones).
     */
    private static List<String> transportLines(List<String> session, List<MediaSectionParser.Parsed> parsed,
            String tagMid) {
        List<String> lines = new ArrayList<>();
        for (MediaSectionParser.Parsed p : parsed) {
            if (tagMid.equals(p.media().mid())) {
                lines.addAll(p.lines());
            }
        }
        for (String name : List.of("ice-ufrag", "ice-pwd", "fingerprint", "setup")) {
            if (!SdpText.hasAttribute(lines, name)) {
                SdpText.attributes(session, name).forEach(v -> lines.add("a=" + name + ":" + v));
            }
        }
        return lines;
    }

    private static String required(List<String> lines, String name, String what) throws SdpException {
        String value = SdpText.attribute(lines, name);
        if (value == null || value.isBlank()) {
            throw new SdpException("the offer has no " + what + ": the server needs it to connect");
        }
        return value.trim();
    }

    /** The sha-256 a=fingerprint (RFC 8122 §5); several lines may offer several hash functions. */
    private static Fingerprint fingerprint(List<String> lines) throws SdpException {
        List<String> values = SdpText.attributes(lines, "fingerprint");
        if (values.isEmpty()) {
            throw new SdpException("the offer has no DTLS certificate fingerprint (a=fingerprint): a sha-256"
                    + " fingerprint is required (RFC 8122 §5, RFC 8827 §6.5)");
        }
        List<String> algorithms = new ArrayList<>();
        for (String value : values) {
            String[] parts = value.trim().split(" +", 2);
            algorithms.add(parts[0].toLowerCase(Locale.ROOT));
            if (parts.length == 2 && parts[0].equalsIgnoreCase("sha-256")) {
                Fingerprint fingerprint = new Fingerprint(parts[0], parts[1].trim());
                if (!fingerprint.hasHexBytes(32)) {
                    throw new SdpException("the offer's sha-256 fingerprint is malformed: 32 hex bytes separated"
                            + " by colons are expected (RFC 8122 §5)");
                }
                return fingerprint;
            }
        }
        throw new SdpException("the offer's DTLS fingerprint uses " + String.join(", ", algorithms)
                + "; the server requires a sha-256 fingerprint (RFC 8122 §5, RFC 8827 §6.5)");
    }

    /**
     * The offerer's a=setup (RFC 4145 §4, RFC 5763 §5). The server is always DTLS server (setup:passive), so the
     * offer must be actpass or active; absent means active (RFC 4145 §4).
     */
    private static String setup(List<String> lines) throws SdpException {
        String setup = SdpText.attribute(lines, "setup");
        if (setup == null) {
            return "active";
        }
        setup = setup.trim().toLowerCase(Locale.ROOT);
        if (!setup.equals("actpass") && !setup.equals("active")) {
            throw new SdpException("the offer has a=setup:" + MediaSectionParser.abbreviate(setup) + "; the server is"
                    + " always the DTLS server (setup:passive), so the offer must be actpass or active"
                    + " (RFC 5763 §5)");
        }
        return setup;
    }
}
