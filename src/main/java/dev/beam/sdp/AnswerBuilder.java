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

    /**
     * The broadcaster's answer: accepted m-lines recvonly; video with the RTX format where negotiated (RFC 4588
     * §8.1); a video m-line with simulcast layers receives them (a=rid recv and a=simulcast recv, RFC 8853 §5.3).
     * The video's bitrates, where set: the max as b=AS in kbps (RFC 8866 §5.8) and b=TIAS in bps without transport
     * overhead (RFC 3890), the most the server wants to receive, to which Chromium caps its sender; the start as
     * x-google-start-bitrate in kbps on the codec's fmtp, where Chromium starts its estimate (other browsers
     * ignore a parameter they do not know, RFC 8866 §6.15).
     */
    public static String forBroadcaster(Offer offer, List<NegotiatedMedia> accepted, LocalTransport local,
            VideoBitrates video) {
        return build(offer, accepted, local, Map.of(), false, video);
    }

    /** The broadcaster's answer with nothing said of bitrates. */
    public static String forBroadcaster(Offer offer, List<NegotiatedMedia> accepted, LocalTransport local) {
        return forBroadcaster(offer, accepted, local, VideoBitrates.NONE);
    }

    /**
     * A viewer's answer: accepted m-lines sendonly with msid and SSRC, plus the RTX format and SSRC where RTX was
     * negotiated and the stream has an RTX SSRC; unmatched viewer m-lines inactive.
     */
    public static String forViewer(Offer offer, List<NegotiatedMedia> accepted, LocalTransport local,
            Map<String, OutgoingStream> streams) {
        return build(offer, accepted, local, streams, true, VideoBitrates.NONE);
    }

    /**
     * How one offered m-line is answered; rtxPayloadType is 0 when absent, simulcast the accepted layers (empty
     * without).
     */
    private record Section(MediaDescription offered, Direction direction, Codec codec, int rtxPayloadType,
            List<HeaderExtension> extensions, OutgoingStream stream, VideoBitrates bitrates,
            List<SimulcastLayer> simulcast) {
        boolean rejected() {
            return codec == null;
        }
    }

    private static String build(Offer offer, List<NegotiatedMedia> accepted, LocalTransport local,
            Map<String, OutgoingStream> streams, boolean viewer, VideoBitrates video) {
        Objects.requireNonNull(local, "local");
        List<Section> sections = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            sections.add(section(offer, m, accepted, streams, viewer, video));
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
        if (offer.extmapAllowMixed()) {
            out.flag("extmap-allow-mixed"); // RFC 8285 §6: the answer keeps it at the level offered
        }
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
            Map<String, OutgoingStream> streams, boolean viewer, VideoBitrates video) {
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
            VideoBitrates bitrates = m.kind() == MediaKind.VIDEO ? video : VideoBitrates.NONE;
            List<String> rids = n.get().rids();
            List<SimulcastLayer> layers = m.simulcastLayers().stream().filter(l -> rids.contains(l.rid())).toList();
            return new Section(m, viewer ? Direction.SENDONLY : Direction.RECVONLY, n.get().codec(),
                    n.get().rtxPayloadType(), n.get().extensions(), stream, bitrates, layers);
        }
        if (viewer && m.kind() != null && offer.isBundled(m) && !m.codecs().isEmpty()) {
            // Nothing to send on it, but it stays in the bundle: the viewer may get that kind later.
            Codec codec = CodecChooser.choose(m.kind(), m.codecs()).orElse(m.codecs().get(0));
            return new Section(m, Direction.INACTIVE, Honoured.withHonouredFeedback(Honoured.Role.VIEWER, m.kind(),
                    codec), 0, Honoured.extensions(Honoured.Role.VIEWER, m, codec, false), null, VideoBitrates.NONE,
                    List.of());
        }
        return new Section(m, null, null, 0, List.of(), null, VideoBitrates.NONE, List.of());
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
        int rtx = s.rtxPayloadType();
        // Port 9 with c=0.0.0.0: the real addresses are in a=candidate (RFC 8840 §4.1.1).
        out.line("m=" + m.rawKind() + " 9 " + OfferParser.RTP_PROTOCOL + " " + pt + (rtx != 0 ? " " + rtx : ""))
                .line("c=IN IP4 0.0.0.0");
        long max = s.bitrates().maxBps();
        if (max > 0) {
            // b= follows c= (RFC 8866 §5); AS is in kbps, rounded up so it never caps below TIAS (RFC 3890).
            out.line("b=AS:" + (max + 999) / 1000).line("b=TIAS:" + max);
        }
        out.attribute("mid", m.mid())
                .attribute("ice-ufrag", SdpWriter.token(local.iceUfrag(), "ICE ufrag"))
                .attribute("ice-pwd", SdpWriter.token(local.icePwd(), "ICE password"))
                .attribute("fingerprint", local.fingerprint().attributeValue()) // RFC 8122 §5
                .attribute("setup", "passive"); // the browser is the DTLS client (RFC 5763 §5)
        if (tag) {
            CandidateLines.of(local.candidates(), local.tcpCandidates()).forEach(c -> out.attribute("candidate", c));
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
        String fmtp = fmtp(codec, s.bitrates().startBps());
        if (!fmtp.isEmpty()) {
            out.attribute("fmtp", pt + " " + fmtp);
        }
        codec.rtcpFeedback().forEach(fb -> out.attribute("rtcp-fb", pt + " " + fb)); // RFC 4585 §4.2
        if (rtx != 0) {
            // The retransmission format tied to the codec by apt (RFC 4588 §8.1), at the codec's clock rate.
            out.attribute("rtpmap", rtx + " rtx/" + codec.clockRate()).attribute("fmtp", rtx + " apt=" + pt);
        }
        if (m.extmapAllowMixed()) {
            out.flag("extmap-allow-mixed");
        }
        s.extensions().forEach(e -> out.attribute("extmap", e.id() + " " + e.uri())); // offerer's ids, RFC 8285 §6
        writeSimulcast(out, s.simulcast());
        if (s.stream() != null) {
            // Source attributes (RFC 5576 §4.1, RFC 7022 cname, RFC 8830 §2 msid) so the browser maps the SSRC.
            List<Long> ssrcs = rtx != 0 && s.stream().hasRtx()
                    ? List.of(s.stream().ssrc(), s.stream().rtxSsrc()) : List.of(s.stream().ssrc());
            if (ssrcs.size() == 2) {
                // FID pairs the RTX SSRC with its original (RFC 5576 §4.2); same cname and msid (RFC 4588 §5.2).
                out.attribute("ssrc-group", "FID " + ssrcs.get(0) + " " + ssrcs.get(1));
            }
            String cname = SdpWriter.token(s.stream().cname(), "cname");
            for (long ssrc : ssrcs) {
                out.attribute("ssrc", ssrc + " cname:" + cname).attribute("ssrc", ssrc + " msid:" + msid(s.stream()));
            }
        }
    }

    /**
     * The layers the server receives: an a=rid recv for each, without restrictions, and the a=simulcast recv list
     * in the offer's order, paused ones still "~" (RFC 8853 §5.3: the answer reverses the offer's direction).
     */
    private static void writeSimulcast(SdpWriter out, List<SimulcastLayer> layers) {
        if (layers.isEmpty()) {
            return;
        }
        layers.forEach(l -> out.attribute("rid", new Rid(l.rid(), RidDirection.RECV, "").attributeValue()));
        Simulcast recv = new Simulcast(List.of(new Simulcast.StreamList(RidDirection.RECV,
                layers.stream().map(List::of).toList())));
        out.attribute("simulcast", recv.attributeValue());
    }

    /** The codec's parameters as offered, and the start bitrate where there is one. */
    private static String fmtp(Codec codec, long startBps) {
        if (startBps == 0) {
            return codec.fmtp();
        }
        String start = "x-google-start-bitrate=" + startBps / 1000;
        return codec.fmtp().isEmpty() ? start : codec.fmtp() + ";" + start;
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
