package dev.beam.stream;

import dev.beam.media.LocalParameters;
import dev.beam.media.MediaStats;
import dev.beam.media.RemotePeer;
import dev.beam.media.receive.RtxFormat;
import dev.beam.media.receive.SourceTrack;
import dev.beam.sdp.Fingerprint;
import dev.beam.sdp.HeaderExtension;
import dev.beam.sdp.LocalTransport;
import dev.beam.sdp.MediaKind;
import dev.beam.sdp.NegotiatedMedia;
import dev.beam.sdp.Offer;
import java.util.List;

/** What was negotiated in SDP, in the media engine's terms, and the engine's parameters for the answer. */
final class MediaTerms {
    private MediaTerms() {
    }

    static SourceTrack sourceTrack(NegotiatedMedia m) {
        return new SourceTrack(kind(m.kind()), m.mid(), m.codec().payloadType(), m.codec().name(),
                m.codec().clockRate(), m.hasFeedback("nack"), firOnly(m), m.rids(),
                m.extensionId(HeaderExtension.RTP_STREAM_ID), rtx(m),
                m.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR));
    }

    /** How the broadcaster's retransmissions of the track arrive: on RTX streams when negotiated (RFC 4588). */
    private static RtxFormat rtx(NegotiatedMedia m) {
        return m.hasRtx() ? new RtxFormat(m.rtxPayloadType(), m.extensionId(HeaderExtension.REPAIRED_RTP_STREAM_ID),
                m.rtxSsrcs()) : RtxFormat.NONE;
    }

    /** RFC 5104 §4.3.1: FIR only when the broadcaster negotiated it and not PLI. */
    private static boolean firOnly(NegotiatedMedia m) {
        return m.hasFeedback("ccm fir") && !m.hasFeedback("nack pli");
    }

    static RemotePeer remote(Offer offer) {
        return new RemotePeer(offer.iceUfrag(), offer.icePwd(), offer.fingerprint().value());
    }

    static LocalTransport local(LocalParameters local) {
        return new LocalTransport(local.iceUfrag(), local.icePassword(), new Fingerprint("sha-256",
                local.fingerprint()), local.candidates(), local.tcpCandidates());
    }

    static MediaStats.Kind kind(MediaKind kind) {
        return kind == MediaKind.AUDIO ? MediaStats.Kind.AUDIO : MediaStats.Kind.VIDEO;
    }

    /** For the log: each medium's kind and codec. */
    static String describe(List<NegotiatedMedia> media) {
        return media.stream().map(m -> m.kind().wireName() + " " + m.codec().name() + "/" + m.codec().payloadType())
                .toList().toString();
    }
}
