package dev.beam.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SDP text into checked lines and groups them into the session part and one block per m= section
 * (RFC 8866 §5: "type=value" lines, the session part ends at the first m= line).
 */
final class SdpText {
    static final int MAX_LINE_LENGTH = 4096;

    /** The session-level lines, then for each m= section its lines starting with the m= line. */
    record Sections(List<String> session, List<List<String>> media) {
    }

    private SdpText() {
    }

    /** Splits an offer that {@link SdpLimits#check} has passed: the work is linear in its length. */
    static Sections split(String sdp) throws SdpException {
        if (sdp == null || sdp.isBlank()) {
            throw new SdpException("the offer is empty: expected an SDP offer");
        }
        if (!sdp.split("\r?\n", 2)[0].equals("v=0")) {
            throw new SdpException("the offer is not SDP: it must start with \"v=0\" (RFC 8866 §5.1)");
        }
        List<String> lines = lines(sdp, "offer");
        Sections sections = new Sections(new ArrayList<>(), new ArrayList<>());
        List<String> current = sections.session();
        for (String line : lines) {
            if (line.startsWith("m=")) {
                current = new ArrayList<>();
                sections.media().add(current);
            }
            current.add(line);
        }
        if (sections.media().isEmpty()) {
            throw new SdpException("the offer has no m= lines: it offers no media to send or receive");
        }
        return sections;
    }

    /**
     * The checked lines of non-blank SDP text, trailing empty lines dropped; noun names the text in messages.
     * RFC 8866 §5 wants CRLF but asks parsers to accept a bare LF too.
     */
    static List<String> lines(String sdp, String noun) throws SdpException {
        String[] lines = sdp.split("\r?\n", -1);
        int count = lines.length;
        while (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        List<String> checked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            check(lines[i], i + 1, noun);
            checked.add(lines[i]);
        }
        return checked;
    }

    private static void check(String line, int number, String noun) throws SdpException {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new SdpException("line " + number + " of the " + noun + " is too long: " + line.length()
                    + " characters, at most " + MAX_LINE_LENGTH + " are accepted");
        }
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
            throw new SdpException("line " + number + " of the " + noun + " is not an SDP line of the form"
                    + " <type>=<value> (RFC 8866 §5)");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new SdpException("line " + number + " of the " + noun + " contains a control character");
            }
        }
    }

    /** The value of the first "a=name:value" (or bare "a=name", value "") among the lines, or null. */
    static String attribute(List<String> lines, String name) {
        List<String> all = attributes(lines, name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every value of "a=name:value" / "a=name" among the lines, in order. */
    static List<String> attributes(List<String> lines, String name) {
        List<String> values = new ArrayList<>();
        String bare = "a=" + name;
        String prefix = bare + ":";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                values.add(line.substring(prefix.length()));
            } else if (line.equals(bare)) {
                values.add("");
            }
        }
        return values;
    }

    static boolean hasAttribute(List<String> lines, String name) {
        return attribute(lines, name) != null;
    }
}
