package dev.beam.sdp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which offered m-lines the server accepts and with which codec. An m-line outside the BUNDLE group,
 * not audio/video, or a second one of a kind is left out of the result and answered with port 0.
 */
public final class Negotiator {
    private Negotiator() {
    }

    /**
     * Broadcaster: every audio/video m-line must be sendonly (or sendrecv; treated as sending); opus for audio;
     * VP8 for video, else H.264 with packetization-mode=1 (prefer profile-level-id 42e01f). At most one audio and
     * one video m-line is accepted; at least one must be. Honoured: mid and transport-wide-cc extensions; for
     * video nack, nack pli, ccm fir, goog-remb and transport-cc, for audio transport-cc; RTX for video when offered
     * for the chosen codec (RFC 4588), so that the broadcaster retransmits and probes on its own stream. Simulcast
     * video (RFC 8853) offered with the rtp-stream-id extension: its first {@link Honoured#MAX_SIMULCAST_LAYERS}
     * layers, with that extension, and repaired-rtp-stream-id too when RTX is negotiated (RFC 8852 §3.2). AV1: the
     * dependency descriptor where the offer allows mixed extension forms (RFC 8285 §6).
     */
    public static List<NegotiatedMedia> forBroadcaster(Offer offer) throws SdpException {
        List<NegotiatedMedia> accepted = new ArrayList<>();
        Set<MediaKind> taken = EnumSet.noneOf(MediaKind.class);
        for (MediaDescription m : offer.media()) {
            if (m.kind() == null || !offer.isBundled(m)) {
                continue;
            }
            if (!m.direction().sends()) {
                throw new SdpException("the broadcaster's " + m.label() + " is " + m.direction().attribute()
                        + ": a broadcaster must send (sendonly)");
            }
            if (!taken.add(m.kind())) {
                continue; // one m-line per kind: the extra ones are rejected
            }
            Codec codec = CodecChooser.choose(m.kind(), m.codecs())
                    .orElseThrow(() -> noCodec(m));
            accepted.add(negotiated(Honoured.Role.BROADCASTER, m, codec,
                    Honoured.takesDependencyDescriptor(offer, m, codec)));
        }
        if (accepted.isEmpty()) {
            throw new SdpException("the offer has no audio or video m-line to receive: a broadcaster must send"
                    + " audio, video or both");
        }
        return accepted;
    }

    /**
     * Viewer: m-lines must be recvonly (or sendrecv). Each source medium goes to the viewer's first bundled m-line
     * of its kind, with the codec under the viewer's payload type. A viewer m-line of a kind whose codec it cannot
     * decode is an error; a kind the viewer offers no m-line for is simply not sent. Viewer m-lines without a
     * source are answered inactive and are not in the result. Honoured: the mid extension; for video nack,
     * nack pli and ccm fir, and RTX when the viewer offers it for the chosen codec; never simulcast; the AV1
     * dependency descriptor when the broadcast's track has it and the viewer allows mixed extension forms.
     */
    public static List<NegotiatedMedia> forViewer(Offer offer, List<NegotiatedMedia> source) throws SdpException {
        for (MediaDescription m : offer.media()) {
            if (m.kind() != null && offer.isBundled(m) && m.direction() == Direction.SENDONLY) {
                throw new SdpException("the viewer's " + m.label() + " is sendonly: a viewer must receive"
                        + " (recvonly)");
            }
        }
        List<NegotiatedMedia> accepted = new ArrayList<>();
        for (NegotiatedMedia src : source) {
            Optional<MediaDescription> target = offer.media().stream()
                    .filter(m -> m.kind() == src.kind() && offer.isBundled(m) && m.direction().receives())
                    .filter(m -> accepted.stream().noneMatch(a -> a.mid().equals(m.mid())))
                    .findFirst();
            if (target.isEmpty()) {
                continue;
            }
            MediaDescription m = target.get();
            Codec codec = CodecChooser.equivalent(src.codec(), m.codecs()).orElseThrow(() -> new SdpException(
                    "the viewer cannot decode the broadcast's " + src.kind().wireName() + " codec "
                            + src.codec().describe() + ": its " + m.label() + " offers " + names(m.codecs())));
            boolean descriptor = Honoured.takesDependencyDescriptor(offer, m, codec)
                    && src.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR) > 0;
            accepted.add(negotiated(Honoured.Role.VIEWER, m, codec, descriptor));
        }
        if (accepted.isEmpty()) {
            throw new SdpException("the viewer's offer cannot receive any of the broadcast's media ("
                    + source.stream().map(s -> s.kind().wireName()).collect(Collectors.joining(", "))
                    + "): add a recvonly transceiver of that kind");
        }
        // Keep the offer's m-line order, which the answer follows too.
        List<String> order = offer.media().stream().map(MediaDescription::mid).toList();
        accepted.sort((a, b) -> Integer.compare(order.indexOf(a.mid()), order.indexOf(b.mid())));
        return List.copyOf(accepted);
    }

    /**
     * The codec, extensions, (video only) RTX payload type, (broadcaster video only) simulcast layers and
     * (broadcaster only) announced RTX SSRCs the server honours on that side.
     */
    private static NegotiatedMedia negotiated(Honoured.Role role, MediaDescription m, Codec codec,
            boolean dependencyDescriptor) {
        int rtx = Honoured.rtxPayloadType(role, m, codec);
        boolean repairs = role == Honoured.Role.BROADCASTER && rtx != 0;
        return new NegotiatedMedia(m.kind(), m.mid(), Honoured.withHonouredFeedback(role, m.kind(), codec),
                Honoured.extensions(role, m, codec, dependencyDescriptor), m.ssrcs(), rtx,
                Honoured.simulcastRids(role, m), repairs ? m.repairSsrcs() : Map.of());
    }

    private static SdpException noCodec(MediaDescription m) {
        String takes = m.kind() == MediaKind.AUDIO ? Honoured.AUDIO_CODECS : Honoured.VIDEO_CODECS;
        return new SdpException("the offer's " + m.label() + " has no codec the server accepts: it takes " + takes
                + " for " + m.kind().wireName() + "; offered: " + names(m.codecs()));
    }

    private static String names(List<Codec> codecs) {
        String names = codecs.stream().map(Codec::name).distinct().collect(Collectors.joining(", "));
        return names.isEmpty() ? "no codecs" : names;
    }
}
