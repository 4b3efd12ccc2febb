package dev.beam.sdp;

import java.util.List;
import java.util.Locale;

/**
 * One RTP payload format of an m= line: a=rtpmap (RFC 8866 §6.6), a=fmtp (§6.15, raw parameter string,
 * "" when absent) and the a=rtcp-fb values for it (RFC 4585 §4.2, e.g. "nack pli").
 */
public record Codec(int payloadType, String name, int clockRate, int channels, String fmtp, List<String> rtcpFeedback) {
    public Codec {
        fmtp = fmtp == null ? "" : fmtp;
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public boolean isNamed(String codecName) {
        return name.equalsIgnoreCase(codecName);
    }

    /** @return a "key=value" parameter of the fmtp line (keys compare case-insensitively), or null. */
    public String fmtpParameter(String key) {
        for (String part : fmtp.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(key)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** The same codec with another rtcp-fb list. */
    Codec with(List<String> feedback) {
        return new Codec(payloadType, name, clockRate, channels, fmtp, feedback);
    }

    /** The encoding written after "a=rtpmap:<pt> ": channels only for audio with more than one (RFC 8866 §6.6). */
    String rtpmapValue(MediaKind kind) {
        String base = name + "/" + clockRate;
        return kind == MediaKind.AUDIO && channels > 1 ? base + "/" + channels : base;
    }

    String describe() {
        String pm = fmtpParameter("packetization-mode");
        String profile = fmtpParameter("profile-level-id");
        StringBuilder s = new StringBuilder(name).append('/').append(clockRate);
        if (pm != null || profile != null) {
            s.append(" (").append(fmtp.toLowerCase(Locale.ROOT)).append(')');
        }
        return s.toString();
    }
}
