package dev.beam.sdp;

import java.util.Locale;

/** The media types the server forwards; the wire name is the m= line's media field (RFC 8866 §5.14). */
public enum MediaKind {
    AUDIO, VIDEO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the kind for an m= line media field, or null for anything else (e.g. "application"). */
    public static MediaKind fromWire(String media) {
        for (MediaKind kind : values()) {
            if (kind.wireName().equals(media)) {
                return kind;
            }
        }
        return null;
    }
}
