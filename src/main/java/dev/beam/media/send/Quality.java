package dev.beam.media.send;

import java.util.Locale;

/** The picture a viewer asks for among a broadcast's simulcast layers. */
public enum Quality {
    /** The best layer its estimated bandwidth carries. */
    AUTO,
    /** The best layer sending. */
    HIGH,
    /** The middle layer (of three; the lower of two). */
    MEDIUM,
    /** The lowest layer sending. */
    LOW;

    /** As on the wire: "auto", "high", "medium", "low". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The quality with this wire name, or null. */
    public static Quality fromWire(String name) {
        for (Quality q : values()) {
            if (q.wireName().equals(name)) {
                return q;
            }
        }
        return null;
    }
}
