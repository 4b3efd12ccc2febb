package dev.beam.sdp;

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
}
