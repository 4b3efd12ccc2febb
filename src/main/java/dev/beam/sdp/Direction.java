package dev.beam.sdp;

import java.util.Locale;

/** Media direction attributes (RFC 8866 §6.7); sendrecv is the default when none is given. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name as written after "a=". */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** @return the direction named by an attribute line's name, or null if it is not one. */
    public static Direction fromAttribute(String name) {
        return switch (name) { // read for every attribute line of an offer: no allocation
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
