package dev.beam.whip;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;

/** A PATCH's trickle-ice-sdpfrag applied to a session (RFC 9725 section 4.3). */
final class IceTrickle {
    private IceTrickle() {
    }

    static void apply(HttpPeers peers, HttpPeer session, String fragment) throws HttpProblem {
        List<String> candidates = new ArrayList<>();
        for (String line : fragment.split("\r?\n")) {
            if (line.startsWith("a=ice-ufrag:") && !line.substring(12).strip().equals(session.remoteUfrag())) {
                throw new HttpProblem(HttpServletResponse.SC_NOT_IMPLEMENTED, "ICE restarts are not supported");
            }
            if (line.startsWith("a=candidate:")) {
                candidates.add(line.substring(2).strip());
            }
        }
        peers.addCandidates(session, candidates);
    }
}
