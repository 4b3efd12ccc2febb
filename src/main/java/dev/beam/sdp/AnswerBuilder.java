package dev.beam.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the server's SDP answer: every offered m-line in order (RFC 3264 §6), accepted ones bundled on the
 * server's single ICE/DTLS transport, the rest rejected with port 0 and left out of the BUNDLE group
 * (RFC 8843 §7.3.3). The server is full ICE (never a=ice-lite), does not trickle, and is the DTLS server.
 */
public final class AnswerBuilder {
    private AnswerBuilder() {
    }

    /** The broadcaster's answer: accepted m-lines recvonly. */
    public static String forBroadcaster(Offer offer, List<NegotiatedMedia> accepted, LocalTransport local) {
        return build(offer, accepted, local, Map.of(), false);
    }

    /** A viewer's answer: accepted m-lines sendonly with msid and SSRC; unmatched viewer m-lines inactive. */
    public static String forViewer(Offer offer, List<NegotiatedMedia> accepted, LocalTransport local,
            Map<String, OutgoingStream> streams) {
        return build(offer, accepted, local, streams, true);
    }

    /** How one offered m-line is answered. */
    private record Section(MediaDescription offered, Direction direction, Codec codec,
            List<HeaderExtension> extensions, OutgoingStream stream) {
        boolean rejected() {
            return codec == null;
        }
    }

    private static String build(Offer offer, List<NegotiatedMedia> accepted, LocalTransport local,
            Map<String, OutgoingStream> streams, boolean viewer) {
        Objects.requireNonNull(local, "local");
        List<Section> sections = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            sections.add(section(offer, m, accepted, streams, viewer));
        }
        List<String> bundle = sections.stream().filter(s -> !s.rejected()).map(s -> s.offered().mid()).toList();
        SdpWriter out = new SdpWriter();
        // Session part (RFC 8866 §5.1-5.10); o= session id is numeric, derived from the credentials (JSEP §5.2.1
        // asks for 63 random bits; the server's ufrag is random already, and this keeps the function pure).
        out.line("v=0")
                .line("o=- " + sessionId(local.iceUfrag() + offer.iceUfrag()) + " 2 IN IP4 127.0.0.1")
                .line("s=-")
                .line("t=0 0");
        if (!bundle.isEmpty()) {
            out.attribute("group", "BUNDLE " + String.join(" ", bundle)); // RFC 8843 §7.3
        }
        out.line("a=msid-semantic: WMS *");
        for (Section s : sections) {
            if (s.rejected()) {
                writeRejected(out, s.offered());
            } else {
                // Candidates go on the answerer's BUNDLE-tag m-line, the first in the group (RFC 8843 §7.3.1).
                writeAccepted(out, s, local, s.offered().mid().equals(bundle.get(0)));
            }
        }
        return out.toString();
    }

    private static Section section(Offer offer, MediaDescription m, List<NegotiatedMedia> accepted,
            Map<String, OutgoingStream> streams, boolean viewer) {
        Optional<NegotiatedMedia> n = accepted.stream()
                .filter(a -> m.kind() != null && a.kind() == m.kind() && a.mid().equals(m.mid())).findFirst();
        if (n.isPresent() && offer.isBundled(m)) {
            OutgoingStream stream = null;
            if (viewer) {
                stream = streams.get(m.mid());
                if (stream == null) {
                    throw new IllegalArgumentException("no outgoing stream for accepted mid " + m.mid());
                }
            }
            return new Section(m, viewer ? Direction.SENDONLY : Direction.RECVONLY, n.get().codec(),
                    n.get().extensions(), stream);
        }
        if (viewer && m.kind() != null && offer.isBundled(m) && !m.codecs().isEmpty()) {
            // Nothing to send on it, but it stays in the bundle: the viewer may get that kind later.
            Codec codec = CodecChooser.choose(m.kind(), m.codecs()).orElse(m.codecs().get(0));
            return new Section(m, Direction.INACTIVE, Honoured.withHonouredFeedback(m.kind(), codec),
                    Honoured.extensions(m), null);
        }
        return new Section(m, null, null, List.of(), null);
    }

    /** Port 0, same protocol and formats as offered (RFC 3264 §6, RFC 8829 §5.3.1); the mid keeps m-lines matched. */
    private static void writeRejected(SdpWriter out, MediaDescription m) {
        String formats = m.formats().isEmpty() ? "0" : String.join(" ", m.formats());
        out.line("m=" + m.rawKind() + " 0 " + m.protocol() + " " + formats).line("c=IN IP4 0.0.0.0");
        if (m.mid() != null) {
            out.attribute("mid", m.mid());
        }
    }

    private static void writeAccepted(SdpWriter out, Section s, LocalTransport local, boolean tag) {
        MediaDescription m = s.offered();
        Codec codec = s.codec();
        int pt = codec.payloadType();
        // Port 9 with c=0.0.0.0: the real addresses are in a=candidate (RFC 8840 §4.1.1).
        out.line("m=" + m.rawKind() + " 9 " + OfferParser.RTP_PROTOCOL + " " + pt)
                .line("c=IN IP4 0.0.0.0")
                .attribute("mid", m.mid())
                .attribute("ice-ufrag", SdpWriter.token(local.iceUfrag(), "ICE ufrag"))
                .attribute("ice-pwd", SdpWriter.token(local.icePwd(), "ICE password"))
                .attribute("fingerprint", local.fingerprint().attributeValue()) // RFC 8122 §5
                .attribute("setup", "passive"); // the browser is the DTLS client (RFC 5763 §5)
        if (tag) {
            CandidateLines.of(local.candidates()).forEach(c -> out.attribute("candidate", c));
            out.flag("end-of-candidates"); // the server does not trickle (RFC 8838 §8.2)
        }
        out.flag(s.direction().attribute());
        if (s.stream() != null) {
            out.attribute("msid", msid(s.stream())); // RFC 8830 §2
        }
        out.flag("rtcp-mux"); // RFC 5761 §5.1.1
        if (m.rtcpReducedSize()) {
            out.flag("rtcp-rsize"); // RFC 5506 §5: only when offered
        }
        out.attribute("rtpmap", pt + " " + codec.rtpmapValue(m.kind()));
        if (!codec.fmtp().isEmpty()) {
            out.attribute("fmtp", pt + " " + codec.fmtp()); // echoed as offered
        }
        codec.rtcpFeedback().forEach(fb -> out.attribute("rtcp-fb", pt + " " + fb)); // RFC 4585 §4.2
        s.extensions().forEach(e -> out.attribute("extmap", e.id() + " " + e.uri())); // offerer's ids, RFC 8285 §6
        if (s.stream() != null) {
            // Source attributes (RFC 5576 §4.1, RFC 7022 cname, RFC 8830 §2 msid) so the browser maps the SSRC.
            long ssrc = s.stream().ssrc();
            out.attribute("ssrc", ssrc + " cname:" + SdpWriter.token(s.stream().cname(), "cname"))
                    .attribute("ssrc", ssrc + " msid:" + msid(s.stream()));
        }
    }

    private static String msid(OutgoingStream stream) {
        return SdpWriter.token(stream.streamId(), "stream id") + " " + SdpWriter.token(stream.trackId(), "track id");
    }

    /** A positive 63-bit number from FNV-1a over the text. */
    private static String sessionId(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return Long.toString(hash & Long.MAX_VALUE);
    }
}
