package dev.beam.signaling;

/**
 * What a reply or a log line may show of a client's own text: a short prefix, printable ASCII
 * only, so that a hostile message cannot make replies or logs bigger than a few dozen characters.
 */
final class ClientText {
    static final int MAX_QUOTED = 64;

    private ClientText() {
    }

    static String quote(String input) {
        if (input == null) {
            return "null";
        }
        int end = Math.min(input.length(), MAX_QUOTED);
        StringBuilder quoted = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = input.charAt(i);
            quoted.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (input.length() > MAX_QUOTED) {
            quoted.append('…');
        }
        return quoted.toString();
    }
}
