package dev.beam.testpeer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough SDP (RFC 8866) parsing for the test peer and its fixture: attributes per level. */
final class Sdp {

    /** One m= section. */
    record Media(String kind, int port, String protocol, List<Integer> formats, Map<String, List<String>> attrs) {
        String attr(String name) {
            List<String> v = attrs.get(name);
            return v == null ? null : v.get(0);
        }

        List<String> all(String name) {
            return attrs.getOrDefault(name, List.of());
        }

        boolean has(String name) {
            return attrs.containsKey(name);
        }
    }

    /** a=candidate (RFC 8839 §5.1), UDP component 1 only. */
    record Candidate(String foundation, int component, String transport, long priority, String ip, int port,
                     String type) {
        static Candidate parse(String value) {
            String[] f = value.trim().split("\\s+");
            if (f.length < 8 || !"typ".equals(f[6])) {
                throw new IllegalArgumentException("bad candidate: " + value);
            }
            return new Candidate(f[0], Integer.parseInt(f[1]), f[2].toLowerCase(), Long.parseLong(f[3]), f[4],
                    Integer.parseInt(f[5]), f[7]);
        }
    }

    final Map<String, List<String>> session = new LinkedHashMap<>();
    final List<Media> media = new ArrayList<>();

    static Sdp parse(String text) {
        Sdp sdp = new Sdp();
        Map<String, List<String>> current = sdp.session;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String v = line.substring(2);
            switch (line.charAt(0)) {
                case 'm' -> {
                    String[] f = v.split("\\s+");
                    List<Integer> formats = new ArrayList<>();
                    for (int i = 3; i < f.length; i++) {
                        formats.add(Integer.parseInt(f[i]));
                    }
                    current = new LinkedHashMap<>();
                    sdp.media.add(new Media(f[0], Integer.parseInt(f[1]), f[2], formats, current));
                }
                case 'a' -> {
                    int colon = v.indexOf(':');
                    String name = colon < 0 ? v : v.substring(0, colon);
                    String value = colon < 0 ? "" : v.substring(colon + 1);
                    current.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
                default -> { }
            }
        }
        return sdp;
    }

    /** Media-level value, else session-level (ICE credentials and fingerprints may sit at either). */
    String attr(Media m, String name) {
        String v = m.attr(name);
        if (v == null) {
            List<String> s = session.get(name);
            v = s == null ? null : s.get(0);
        }
        return v;
    }

    Media byKind(String kind) {
        return media.stream().filter(m -> m.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no m=" + kind + " section"));
    }

    /** Distinct SSRCs from a=ssrc lines (RFC 5576 §4.1), in order of appearance. */
    static List<Long> ssrcs(Media m) {
        List<Long> out = new ArrayList<>();
        for (String s : m.all("ssrc")) {
            long ssrc = Long.parseLong(s.split("\\s+", 2)[0]);
            if (!out.contains(ssrc)) {
                out.add(ssrc);
            }
        }
        return out;
    }

    /** The direction attribute of a section (RFC 8866 §6.7), sendrecv by default. */
    static String direction(Media m) {
        for (String d : List.of("sendonly", "recvonly", "sendrecv", "inactive")) {
            if (m.has(d)) {
                return d;
            }
        }
        return "sendrecv";
    }
}
