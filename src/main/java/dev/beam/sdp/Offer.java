package dev.beam.sdp;

import java.util.List;

/**
 * A parsed browser offer. Transport values (ICE, DTLS) are the BUNDLE-tag m= line's when it has them, else the
 * session level's (RFC 8843 §7.2.1: the tagged m= section carries the bundle's transport). {@code bundleMids}
 * is the first a=group:BUNDLE; an m= line outside it is one the offerer itself rejected (port 0).
 * {@code candidates} are the values of every a=candidate line (RFC 8839 §5.1), unchecked: the media plane
 * judges them. {@code extmapAllowMixed}: the session level carries a=extmap-allow-mixed (RFC 8285 §6).
 */
public record Offer(String iceUfrag, String icePwd, Fingerprint fingerprint, String setup, List<String> bundleMids,
        List<MediaDescription> media, List<String> candidates, boolean extmapAllowMixed) {

    public Offer {
        bundleMids = List.copyOf(bundleMids);
        media = List.copyOf(media);
        candidates = List.copyOf(candidates);
    }

    /** Whether the m-line may mix one- and two-byte header extensions: allowed at session or media level. */
    boolean allowsMixedExtensions(MediaDescription m) {
        return extmapAllowMixed || m.extmapAllowMixed();
    }

    boolean isBundled(MediaDescription m) {
        return m.mid() != null && bundleMids.contains(m.mid());
    }
}
