package dev.beam.sdp;

import java.util.List;

/**
 * An accepted m= line: the chosen codec under the offerer's payload type with the rtcp-fb the server honours,
 * the honoured header extensions under the offerer's ids, and the offerer's primary SSRCs for it.
 */
public record NegotiatedMedia(MediaKind kind, String mid, Codec codec, List<HeaderExtension> extensions,
        List<Long> remoteSsrcs) {

    public NegotiatedMedia {
        extensions = List.copyOf(extensions);
        remoteSsrcs = List.copyOf(remoteSsrcs);
    }
}
