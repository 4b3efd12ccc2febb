package dev.beam.signaling;

/**
 * Finds a request's top-level {@code "id"} by scanning the raw text, with no JSON library: the
 * reply to a message that could not be decoded (or whose decoding failed inside the server) still
 * carries the id, as the protocol promises. Best effort: null when there is no integer id.
 */
final class RequestIdScanner {
    private static final int MAX_DIGITS = 18;

    private RequestIdScanner() {
    }

    static Long find(String text) {
        int depth = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = endOfString(text, i + 1);
                if (end < 0) {
                    return null;
                }
                if (depth == 1 && end == i + 3 && text.startsWith("id", i + 1)) {
                    int colon = skipSpace(text, end + 1);
                    if (colon < length && text.charAt(colon) == ':') {
                        return integerAt(text, skipSpace(text, colon + 1));
                    }
                }
                i = end + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
        return null;
    }

    /** The index of the closing quote of a string whose content starts at {@code from}, or -1. */
    private static int endOfString(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t'
                || text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static Long integerAt(String text, int from) {
        int i = from;
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            if (i - digitsStart >= MAX_DIGITS) {
                return null;
            }
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == digitsStart) {
            return null;
        }
        int after = skipSpace(text, i);
        if (after < text.length() && text.charAt(after) != ',' && text.charAt(after) != '}') {
            return null;
        }
        return negative ? -value : value;
    }
}
