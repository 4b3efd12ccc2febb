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

    /**
     * The first video codec in the offer's order of preference (RFC 3264 §5.1) that the server
     * forwards: VP8; VP9 profile 0 (RFC 9628 §6); AV1 profile 0 (AV1 RTP payload §7.2); or H.264
     * in non-interleaved mode (packetization-mode=1, RFC 6184 §8.1), where 42e01f is preferred
     * among the H.264 formats offered.
     */
    static Optional<Codec> forVideo(List<Codec> offered) {
        Optional<Codec> first = offered.stream().filter(CodecChooser::isForwardableVideo).findFirst();
        if (first.isEmpty() || !first.get().isNamed("H264")) {
            return first;
        }
        return offered.stream().filter(CodecChooser::isForwardableH264)
                .filter(c -> PREFERRED_H264_PROFILE.equalsIgnoreCase(c.fmtpParameter("profile-level-id")))
                .findFirst().or(() -> first);
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
     * constraint flags, the first two bytes of profile-level-id; the level may differ, RFC 6184 §8.2.2); for VP9
     * and AV1 the same profile.
     */
    static boolean sameFormat(Codec a, Codec b) {
        if (!a.isNamed(b.name()) || a.clockRate() != b.clockRate() || a.channels() != b.channels()) {
            return false;
        }
        if (a.isNamed("VP9")) {
            return parameter(a, "profile-id", "0").equals(parameter(b, "profile-id", "0"));
        }
        if (a.isNamed("AV1")) {
            return parameter(a, "profile", "0").equals(parameter(b, "profile", "0"));
        }
        if (!a.isNamed("H264")) {
            return true;
        }
        return packetizationMode(a).equals(packetizationMode(b)) && profile(a).equalsIgnoreCase(profile(b));
    }

    private static boolean isOpus(Codec c) {
        return c.isNamed("opus") && c.clockRate() == 48000 && c.channels() == 2;
    }

    private static boolean isForwardableVideo(Codec c) {
        if (c.clockRate() != 90000) {
            return false;
        }
        return c.isNamed("VP8") || isForwardableH264(c)
                || c.isNamed("VP9") && parameter(c, "profile-id", "0").equals("0")
                || c.isNamed("AV1") && parameter(c, "profile", "0").equals("0");
    }

    /** An fmtp parameter, or its default when absent (profile-id and profile both default to 0). */
    private static String parameter(Codec c, String key, String fallback) {
        String value = c.fmtpParameter(key);
        return value == null ? fallback : value.strip();
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
