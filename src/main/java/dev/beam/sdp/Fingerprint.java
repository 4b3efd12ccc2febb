package dev.beam.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * A DTLS certificate fingerprint (RFC 8122 §5): hash algorithm and upper-case hex bytes separated by colons.
 */
public record Fingerprint(String algorithm, String value) {
    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
    }

    /** The attribute value after "a=fingerprint:". */
    public String attributeValue() {
        return algorithm + " " + value;
    }

    /** Whether the value is {@code bytes} hex pairs joined by colons. */
    boolean hasHexBytes(int bytes) {
        return value.matches("[0-9A-F]{2}(:[0-9A-F]{2}){" + (bytes - 1) + "}");
    }
}
