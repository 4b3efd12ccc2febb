package dev.beam.sdp;

/**
 * How large an offer may be, checked in one pass over the text before any parsing, so that the work an
 * offer costs is bounded whatever it holds. Browsers' offers for one audio and one video track are 3-7 KB
 * with about 200 lines, two m-lines and a few candidates; the server answers at most one m-line of each
 * kind, so these bounds leave room for every real offer and refuse only crafted ones.
 */
public final class SdpLimits {
    /** Characters in the whole offer (16 KiB). */
    public static final int MAX_CHARS = 16 * 1024;
    /** Lines in the whole offer. */
    public static final int MAX_LINES = 1000;
    /** Lines in the session part or in one m= section. */
    public static final int MAX_SECTION_LINES = 400;
    /** m= lines. */
    public static final int MAX_MEDIA = 16;
    /** a=candidate lines in the whole offer. */
    public static final int MAX_CANDIDATES = 32;
    /**
     * a=rid lines (RFC 8851) in the session part or in one m= section: a browser writes one per simulcast
     * encoding, three or four, and the server takes at most three layers.
     */
    public static final int MAX_RIDS = 8;

    private SdpLimits() {
    }

    /** Refuses an offer past any of the bounds; says which, and what the bound is. */
    public static void check(String sdp) throws SdpLimitException {
        check(sdp, "offer");
    }

    /** The same bounds for any SDP text, named in the messages by noun ("offer", "ICE fragment"). */
    static void check(String sdp, String noun) throws SdpLimitException {
        if (sdp == null) {
            return; // the parser says it is empty
        }
        if (sdp.length() > MAX_CHARS) {
            throw new SdpLimitException("the " + noun + " is too large: " + sdp.length() + " characters, at most "
                    + MAX_CHARS + " are accepted");
        }
        int lines = 0;
        int sectionLines = 0;
        int media = 0;
        int candidates = 0;
        int rids = 0;
        int start = 0;
        while (start < sdp.length()) {
            int end = sdp.indexOf('\n', start);
            end = end < 0 ? sdp.length() : end;
            lines++;
            sectionLines++;
            if (sdp.startsWith("m=", start)) {
                media++;
                sectionLines = 1;
                rids = 0;
            } else if (sdp.startsWith("a=candidate:", start)) {
                candidates++;
            } else if (sdp.startsWith("a=rid:", start)) {
                rids++;
            }
            if (lines > MAX_LINES) {
                throw new SdpLimitException("the " + noun + " has too many lines: at most " + MAX_LINES
                        + " are accepted");
            }
            if (sectionLines > MAX_SECTION_LINES) {
                throw new SdpLimitException("the " + noun + "'s " + (media == 0 ? "session part" : "m-line " + media)
                        + " has too many lines: at most " + MAX_SECTION_LINES + " per section are accepted");
            }
            if (media > MAX_MEDIA) {
                throw new SdpLimitException("the " + noun + " has too many m-lines: at most " + MAX_MEDIA
                        + " are accepted");
            }
            if (candidates > MAX_CANDIDATES) {
                throw new SdpLimitException("the " + noun + " has too many candidates: at most " + MAX_CANDIDATES
                        + " a=candidate lines are accepted");
            }
            if (rids > MAX_RIDS) {
                throw new SdpLimitException("the " + noun + "'s " + (media == 0 ? "session part" : "m-line " + media)
                        + " has too many a=rid lines: at most " + MAX_RIDS + " per section are accepted");
            }
            start = end + 1;
        }
    }
}
