package dev.beam.whip;

import dev.beam.sdp.IceFragment;
import dev.beam.sdp.SdpException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A PATCH's trickle-ice-sdpfrag applied to a session (RFC 9725 section 4.3). Trickled candidates
 * are taken; an ICE restart, which ice4j's agents cannot do in place, is refused with 422 and the
 * session carries on with the ICE it has (section 4.3.1).
 */
final class IceTrickle {
    private IceTrickle() {
    }

    static void apply(HttpPeers peers, HttpPeer session, String body) throws HttpProblem {
        IceFragment fragment;
        try {
            fragment = IceFragment.parse(body);
        } catch (SdpException e) {
            throw new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, "the ICE fragment is refused: " + e.getMessage());
        }
        if (fragment.restartsIce(session.remoteUfrag(), session.remotePwd())) {
            throw new HttpProblem(422, "ICE restarts are not supported: the fragment's ice-ufrag or ice-pwd differs"
                    + " from the offer's; the session carries on with its ICE, or DELETE it and POST a new offer");
        }
        peers.addCandidates(session, fragment.candidates());
    }
}
