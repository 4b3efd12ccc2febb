package dev.beam.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer to an ICE restart's offer (RFC 8445 §9, JSEP §5.3.1): the session's previous
 * answer with the server's new ICE credentials in every media section and its origin's version
 * raised (RFC 8866 §5.2); everything else, the DTLS fingerprint and role, codecs and SSRCs,
 * stays as negotiated, as a restart changes nothing but ICE.
 */
public final class RestartedAnswer {
    private static final Pattern ORIGIN = Pattern.compile("(?m)^o=(\\S+) (\\d+) (\\d+) (.*)$");
    private static final Pattern UFRAG = Pattern.compile("(?m)^a=ice-ufrag:\\S+$");
    private static final Pattern PWD = Pattern.compile("(?m)^a=ice-pwd:\\S+$");

    private RestartedAnswer() {
    }

    /** The previous answer for ICE generation {@code generation} (1 for the first restart). */
    public static String of(String previous, String iceUfrag, String icePwd, int generation) {
        String ufrag = "a=ice-ufrag:" + SdpWriter.token(iceUfrag, "ICE ufrag");
        String pwd = "a=ice-pwd:" + SdpWriter.token(icePwd, "ICE password");
        Matcher origin = ORIGIN.matcher(previous);
        if (!origin.find()) {
            throw new IllegalArgumentException("the previous answer has no o= line");
        }
        long version = Long.parseLong(origin.group(3)) + generation;
        String restarted = origin.replaceFirst(Matcher.quoteReplacement(
                "o=" + origin.group(1) + " " + origin.group(2) + " " + version + " " + origin.group(4)));
        restarted = UFRAG.matcher(restarted).replaceAll(Matcher.quoteReplacement(ufrag));
        return PWD.matcher(restarted).replaceAll(Matcher.quoteReplacement(pwd));
    }

    /**
     * The same restart as WHIP and WHEP answer it (RFC 9725 §4.3.3): a trickle-ice-sdpfrag with
     * the new credentials and all the server's candidates in the BUNDLE-tag section, read from
     * the restarted answer {@link #of} made.
     */
    public static IceFragment fragment(String restartedAnswer) {
        List<String> bundle = List.of();
        String mLine = null;
        String mid = null;
        String ufrag = null;
        String pwd = null;
        List<String> candidates = new ArrayList<>();
        for (String line : restartedAnswer.split("\r?\n")) {
            if (line.startsWith("a=group:BUNDLE ")) {
                bundle = List.of(line.substring("a=group:BUNDLE ".length()).strip().split(" +"));
            } else if (line.startsWith("m=")) {
                if (mLine != null) {
                    break; // the tag section is the first: the others share its transport
                }
                mLine = line.substring(2);
            } else if (mLine != null && line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length());
            } else if (mLine != null && line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring("a=ice-ufrag:".length());
            } else if (mLine != null && line.startsWith("a=ice-pwd:")) {
                pwd = line.substring("a=ice-pwd:".length());
            } else if (mLine != null && line.startsWith("a=candidate:")) {
                candidates.add(line.substring("a=candidate:".length()));
            }
        }
        if (mLine == null || ufrag == null || pwd == null) {
            throw new IllegalArgumentException("the answer has no media section with ICE credentials");
        }
        return IceFragment.restartAnswer(bundle, mLine, mid, ufrag, pwd, candidates);
    }
}
