package dev.beam.sdp;

/**
 * One a=rid line (RFC 8851 §10): {@code a=rid:<rid-id> <send|recv>[ <restrictions>]}. The restrictions (pt=,
 * max-width=, ...) are kept as written, "" when absent: the server constrains no layer by them.
 */
public record Rid(String id, RidDirection direction, String restrictions) {
    /**
     * Longest rid-id accepted. RFC 8851 sets no bound; WebRTC's addTransceiver takes at most 16 characters, and a
     * longer one would not fit a one-byte RTP header extension element (16 bytes of data, RFC 8285 §4.2), the
     * form in which browsers send the rtp-stream-id.
     */
    public static final int MAX_ID_LENGTH = 16;

    public Rid {
        restrictions = restrictions == null ? "" : restrictions;
    }

    /** The value after "a=rid:", as read. */
    public String attributeValue() {
        return id + " " + direction.wire() + (restrictions.isEmpty() ? "" : " " + restrictions);
    }

    /** Reads the value of an a=rid line of the m-line {@code label}. */
    static Rid parse(String value, String label) throws SdpException {
        String[] parts = value.split(" ", 3);
        RidDirection direction = parts.length >= 2 ? RidDirection.fromWire(parts[1]) : null;
        if (direction == null) {
            throw new SdpException("the offer's " + label + " has a malformed a=rid (expected <rid-id> send|recv"
                    + " [<restrictions>], RFC 8851 §10)");
        }
        return new Rid(checkId(parts[0], label), direction, parts.length == 3 ? parts[2] : "");
    }

    /**
     * A rid-id is 1*(ALPHA / DIGIT / "-" / "_") (RFC 8851 §10); a longer one than {@link #MAX_ID_LENGTH} is
     * refused as past a bound of the server's, an {@link SdpLimitException}.
     */
    static String checkId(String id, String label) throws SdpException {
        if (id.isEmpty() || !id.chars().allMatch(Rid::isIdChar)) {
            throw new SdpException("the offer's " + label + " has an invalid rid \""
                    + MediaSectionParser.abbreviate(id) + "\": characters of A-Z a-z 0-9 - _ are expected"
                    + " (RFC 8851 §10)");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new SdpLimitException("the offer's " + label + " has a rid of " + id.length() + " characters"
                    + " (\"" + MediaSectionParser.abbreviate(id) + "\"); at most " + MAX_ID_LENGTH + " are accepted");
        }
        return id;
    }

    private static boolean isIdChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
