package dev.beam.sdp;

import java.util.stream.Collectors;

/** Small text edits of fixture offers, to derive variants a browser would also produce. */
final class SdpEdits {
    private SdpEdits() {
    }

    /** Drops a payload type from its m= line and its rtpmap/fmtp/rtcp-fb lines. */
    static String removePayload(String sdp, int pt) {
        return sdp.lines()
                .filter(l -> !l.matches("a=(rtpmap|fmtp|rtcp-fb):" + pt + " .*"))
                .map(l -> l.startsWith("m=") ? l.replaceAll(" " + pt + "(?= |$)", "") : l)
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** Renumbers a payload type everywhere it appears (m= line, attributes and RTX apt= references). */
    static String renumberPayload(String sdp, int from, int to) {
        return sdp.lines()
                .map(l -> l.startsWith("m=") ? l.replaceAll(" " + from + "(?= |$)", " " + to)
                        : l.replaceAll("^a=(rtpmap|fmtp|rtcp-fb):" + from + " ", "a=$1:" + to + " ")
                                .replaceAll("^(a=fmtp:\\d+ apt=)" + from + "$", "$1" + to))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** Removes every payload type of the video m= line whose rtpmap names the codec. */
    static String removeCodec(String sdp, String name) {
        String result = sdp;
        for (String line : sdp.lines().toList()) {
            if (line.matches("a=rtpmap:\\d+ " + name + "/.*")) {
                result = removePayload(result, Integer.parseInt(line.substring(9, line.indexOf(' '))));
            }
        }
        return result;
    }
}
