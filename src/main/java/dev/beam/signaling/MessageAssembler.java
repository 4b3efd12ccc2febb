package dev.beam.signaling;

import java.util.Optional;

/**
 * Joins the parts of one WebSocket text message and refuses it once it grows past the limit, so
 * an oversized message is never buffered whole.
 */
final class MessageAssembler {
    private final int maxChars;
    private final StringBuilder parts = new StringBuilder();

    MessageAssembler(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Thrown when a message exceeds the limit; the parts taken so far are dropped. */
    static final class TooBigException extends Exception {
        TooBigException(int maxChars) {
            super("message larger than " + maxChars + " characters", null, false, false);
        }
    }

    /** Adds a part; returns the whole message when {@code last} completes it. */
    Optional<String> add(String part, boolean last) throws TooBigException {
        if (parts.length() + part.length() > maxChars) {
            parts.setLength(0);
            throw new TooBigException(maxChars);
        }
        if (!last) {
            parts.append(part);
            return Optional.empty();
        }
        if (parts.length() == 0) {
            return Optional.of(part);
        }
        String message = parts.append(part).toString();
        parts.setLength(0);
        return Optional.of(message);
    }
}
