package dev.beam.whip;

import dev.beam.sdp.IceFragment;
import dev.beam.sdp.SdpException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * A PATCH's trickle-ice-sdpfrag applied to a session (RFC 9725 section 4.3): trickled candidates
 * are taken (4.3.2); new ICE credentials restart ICE on the session (4.3.3), which keeps its DTLS
 * and SRTP, and the server's new side is answered.
 */
final class IceTrickle {
    private IceTrickle() {
    }

    /**
     * Applies {@code body}; returns the fragment to answer an ICE restart with, or empty for a
     * trickle. {@code anyEtag}: the request's If-Match was "*", which a restart must send.
     */
    static Optional<IceFragment> apply(HttpPeers peers, HttpPeer session, String body, boolean anyEtag)
            throws HttpProblem {
        IceFragment fragment;
        try {
            fragment = IceFragment.parse(body);
        } catch (SdpException e) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the ICE fragment is refused: " + e.getMessage());
        }
        if (!fragment.restartsIce(session.remoteUfrag(), session.remotePwd())) {
            peers.addCandidates(session, fragment.candidates());
            return Optional.empty();
        }
        if (!anyEtag) {
            throw new HttpProblem(HttpServletResponse.SC_PRECONDITION_FAILED,
                    "an ICE restart (new ice-ufrag or ice-pwd) must carry If-Match: *");
        }
        if (fragment.iceUfrag() == null || fragment.icePwd() == null) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST,
                    "an ICE restart carries both a new ice-ufrag and a new ice-pwd");
        }
        IceFragment answer = peers.restartIce(session, fragment.iceUfrag(), fragment.icePwd());
        peers.addCandidates(session, fragment.candidates());
        return Optional.of(answer);
    }
}
