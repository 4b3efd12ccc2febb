package dev.beam.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the checked lines of an application/trickle-ice-sdpfrag body (RFC 8840 §9.2) into an {@link IceFragment},
 * refusing what would make it ambiguous: malformed credentials, candidates outside an m= section, repeated mids,
 * and two different ufrags or pwds (Beam bundles everything on one ICE transport, RFC 9725 §4.4.1).
 */
final class IceFragmentParser {
    private static final String ICE_CHARS = "[A-Za-z0-9+/]";

    /** The m= section being read. */
    private static final class Section {
        final String mLine;
        String mid;
        String ufrag;
        String pwd;
        final List<String> candidates = new ArrayList<>();
        boolean endOfCandidates;

        Section(String mLine) {
            this.mLine = mLine;
        }

        IceFragment.Media media() {
            return new IceFragment.Media(mLine, mid, ufrag, pwd, candidates, endOfCandidates);
        }
    }

    private boolean iceLite;
    private List<String> iceOptions = List.of();
    private List<String> bundle = List.of();
    /** The session level's credentials; its m-line is unused. */
    private final Section session = new Section("");
    private boolean endOfCandidates;
    private final List<Section> sections = new ArrayList<>();
    private final Set<String> mids = new HashSet<>();
    private String anyUfrag;
    private String anyPwd;

    private IceFragmentParser() {
    }

    static IceFragment parse(List<String> lines) throws SdpException {
        IceFragmentParser parser = new IceFragmentParser();
        for (String line : lines) {
            parser.read(line);
        }
        Section session = parser.session;
        return new IceFragment(parser.iceLite, parser.iceOptions, parser.bundle, session.ufrag, session.pwd,
                parser.endOfCandidates, parser.sections.stream().map(Section::media).toList());
    }

    private void read(String line) throws SdpException {
        Section section = sections.isEmpty() ? null : sections.get(sections.size() - 1);
        if (line.startsWith("m=")) {
            String value = line.substring(2);
            // media port proto fmt... (RFC 8866 §5.14)
            if (value.trim().split(" +").length < 4) {
                throw new SdpException("the ICE fragment's m-line \"" + MediaSectionParser.abbreviate(line)
                        + "\" is malformed: m=<media> <port> <proto> <fmt> is expected (RFC 8866 §5.14)");
            }
            sections.add(new Section(value));
            return;
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        switch (name) {
            case "a=ice-ufrag" -> {
                Section target = section == null ? session : section;
                target.ufrag = credential(target.ufrag, value, "ice-ufrag", 4);
                anyUfrag = same(anyUfrag, value, "ufrag");
            }
            case "a=ice-pwd" -> {
                Section target = section == null ? session : section;
                target.pwd = credential(target.pwd, value, "ice-pwd", 22);
                anyPwd = same(anyPwd, value, "pwd");
            }
            case "a=candidate" -> {
                if (section == null) {
                    throw new SdpException("the ICE fragment has an a=candidate line before any m= line: candidates"
                            + " belong to an m= section (RFC 8839 §5.1, RFC 8840 §9.2)");
                }
                if (value.isBlank()) {
                    throw new SdpException("the ICE fragment has an empty a=candidate line (RFC 8839 §5.1)");
                }
                section.candidates.add(value);
            }
            case "a=end-of-candidates" -> {
                if (section == null) {
                    endOfCandidates = true;
                } else {
                    section.endOfCandidates = true;
                }
            }
            case "a=mid" -> {
                if (section == null || value.isEmpty()) {
                    throw new SdpException("the ICE fragment has a misplaced or empty a=mid: each m= section names"
                            + " its mid (RFC 5888 §4)");
                }
                if (section.mid != null || !mids.add(value)) {
                    throw new SdpException("the ICE fragment repeats a=mid:" + MediaSectionParser.abbreviate(value)
                            + "; mids must be unique, one per m= section (RFC 5888 §4)");
                }
                section.mid = value;
            }
            case "a=ice-lite" -> iceLite |= section == null;
            case "a=ice-options" -> {
                if (section == null) {
                    iceOptions = tokens(value);
                }
            }
            case "a=group" -> {
                List<String> group = tokens(value);
                if (section == null && !group.isEmpty() && group.get(0).equals("BUNDLE")) {
                    bundle = group.subList(1, group.size());
                }
            }
            default -> {
                // not an ICE attribute: ignored, as unknown SDP attributes are (RFC 8866 §5.13)
            }
        }
    }

    private static String credential(String previous, String value, String name, int min) throws SdpException {
        if (previous != null) {
            throw new SdpException("the ICE fragment has two a=" + name + " lines at one level: one is allowed"
                    + " (RFC 8839 §5.4)");
        }
        // ice-char is ALPHA / DIGIT / "+" / "/"; ufrag 4-256 and pwd 22-256 characters (RFC 8839 §5.4).
        if (!value.matches(ICE_CHARS + "{" + min + ",256}")) {
            throw new SdpException("the ICE fragment's a=" + name + " is invalid: " + min + "-256 characters of"
                    + " A-Z a-z 0-9 + / are required (RFC 8839 §5.4)");
        }
        return value;
    }

    private static String same(String previous, String value, String what) throws SdpException {
        if (previous != null && !previous.equals(value)) {
            throw new SdpException("the ICE fragment carries two different ICE " + what + "s: the server has one"
                    + " bundled ICE transport, so one set of credentials is expected (RFC 9725 §4.4.1)");
        }
        return value;
    }

    private static List<String> tokens(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("[ \t]+"));
    }
}
