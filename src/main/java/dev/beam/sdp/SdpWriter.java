package dev.beam.sdp;

/** Accumulates SDP lines, each ended with CRLF (RFC 8866 §5). */
final class SdpWriter {
    private final StringBuilder out = new StringBuilder(2048);

    SdpWriter line(String line) {
        out.append(line).append("\r\n");
        return this;
    }

    SdpWriter attribute(String name, Object value) {
        return line("a=" + name + ":" + value);
    }

    SdpWriter flag(String name) {
        return line("a=" + name);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Values that become SDP tokens must not be able to break a line or add fields. */
    static String token(String value, String what) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be non-empty printable ASCII without spaces: " + value);
        }
        return value;
    }
}
