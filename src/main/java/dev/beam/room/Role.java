package dev.beam.room;

import java.util.Locale;

/** What a peer does in a room. The wire form is the lower-case name. */
public enum Role {
    BROADCASTER,
    VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
