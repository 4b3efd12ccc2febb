package dev.beam.sdp;

import java.util.List;
import java.util.Optional;

/** Picks the codec the server forwards from an offered list, and finds a viewer's equivalent of it. */
final class CodecChooser {
    /** H.264 Constrained Baseline 3.1, what browsers encode by default (RFC 6184 §8.1). */
    static final String PREFERRED_H264_PROFILE = "42e01f";

    private CodecChooser() {
    }

    /** Opus for audio (RFC 7587 §7: always "opus/48000/2"). */
    static Optional<Codec> forAudio(List<Codec> offered) {
        return offered.stream().filter(CodecChooser::isOpus).findFirst();
    }

    /** VP8, else H.264 in non-interleaved mode (packetization-mode=1, RFC 6184 §8.1), preferring 42e01f. */
    static Optional<Codec> forVideo(List<Codec> offered) {
        Optional<Codec> vp8 = offered.stream().filter(c -> c.isNamed("VP8") && c.clockRate() == 90000).findFirst();
        if (vp8.isPresent()) {
            return vp8;
        }
        List<Codec> h264 = offered.stream().filter(CodecChooser::isForwardableH264).toList();
        return h264.stream().filter(c -> PREFERRED_H264_PROFILE.equalsIgnoreCase(c.fmtpParameter("profile-level-id")))
                .findFirst().or(() -> h264.stream().findFirst());
    }

    static Optional<Codec> choose(MediaKind kind, List<Codec> offered) {
        return kind == MediaKind.AUDIO ? forAudio(offered) : forVideo(offered);
    }

    /** The first offered codec the receiver can decode the source codec with (same format, any payload type). */
    static Optional<Codec> equivalent(Codec source, List<Codec> offered) {
        return offered.stream().filter(c -> sameFormat(source, c)).findFirst();
    }

    /**
     * The offered retransmission format for a codec: "rtx" at the codec's clock rate whose apt names the codec's
     * payload type (RFC 4588 §8.1). The first one wins if the offer lists several.
     */
    static Optional<Codec> rtxFor(Codec codec, List<Codec> offered) {
        String pt = Integer.toString(codec.payloadType());
        return offered.stream().filter(c -> c.isNamed("rtx") && c.clockRate() == codec.clockRate()
                && pt.equals(c.fmtpParameter("apt"))).findFirst();
    }

    /**
     * Same name, clock rate and channels; for H.264 also the same packetization mode and profile (profile_idc and
     * constraint flags, the first two bytes of profile-level-id; the level may differ, RFC 6184 §8.2.2).
     */
    static boolean sameFormat(Codec a, Codec b) {
        if (!a.isNamed(b.name()) || a.clockRate() != b.clockRate() || a.channels() != b.channels()) {
            return false;
        }
        if (!a.isNamed("H264")) {
            return true;
        }
        return packetizationMode(a).equals(packetizationMode(b)) && profile(a).equalsIgnoreCase(profile(b));
    }

    private static boolean isOpus(Codec c) {
        return c.isNamed("opus") && c.clockRate() == 48000 && c.channels() == 2;
    }

    private static boolean isForwardableH264(Codec c) {
        return c.isNamed("H264") && c.clockRate() == 90000 && packetizationMode(c).equals("1");
    }

    /** packetization-mode defaults to 0 (RFC 6184 §8.1). */
    private static String packetizationMode(Codec c) {
        String mode = c.fmtpParameter("packetization-mode");
        return mode == null ? "0" : mode;
    }

    /** profile_idc and profile-iop; profile-level-id defaults to 420010, Baseline (RFC 6184 §8.1). */
    private static String profile(Codec c) {
        String id = c.fmtpParameter("profile-level-id");
        return id != null && id.length() == 6 ? id.substring(0, 4) : "4200";
    }
}
