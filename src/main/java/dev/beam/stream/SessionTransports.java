package dev.beam.stream;

import dev.beam.media.MediaEngine;
import dev.beam.media.transport.CandidateLine;
import dev.beam.room.Peer;
import java.util.List;

/**
 * A peer's media sessions by the transport id the wire names them with: its viewing's, or its
 * room's broadcast's when it is the broadcaster. Trickled candidates and ICE restarts reach a
 * session through here; an id the peer does not have is {@code unknown-transport}.
 */
final class SessionTransports {
    private final Viewings viewings;

    SessionTransports(Viewings viewings) {
        this.viewings = viewings;
    }

    /** See {@link Broadcasts#addCandidate}. */
    void addCandidate(Peer peer, String transportId, String candidate) throws StreamException {
        try {
            Viewing viewing = viewings.of(peer);
            if (viewing != null && viewing.transportId().equals(transportId)) {
                if (!candidate.isEmpty()) {
                    viewing.session().addRemoteCandidate(candidate);
                }
                return;
            }
            LiveBroadcast live = Broadcasts.live(peer).orElse(null);
            if (live != null && live.broadcaster() == peer && live.transportId().equals(transportId)) {
                if (!candidate.isEmpty()) {
                    live.session().addRemoteCandidate(candidate);
                }
                return;
            }
        } catch (CandidateLine.RefusedException e) {
            throw new StreamException(StreamException.INVALID_MESSAGE, e.getMessage());
        }
        throw unknown(transportId);
    }

    /** How the session behind the transport restarts its ICE, on {@code engine}. */
    IceRestart iceRestart(Peer peer, String transportId, MediaEngine engine) throws StreamException {
        Viewing viewing = viewings.of(peer);
        if (viewing != null && viewing.transportId().equals(transportId)) {
            return new IceRestart(viewing.negotiation(), viewing.session()::restartIce,
                    () -> engine.local(viewing.session()));
        }
        LiveBroadcast live = Broadcasts.live(peer).orElse(null);
        if (live != null && live.broadcaster() == peer && live.transportId().equals(transportId)
                && live.negotiation() != null) {
            return new IceRestart(live.negotiation(), live.session()::restartIce, () -> engine.local(live.session()));
        }
        throw unknown(transportId);
    }

    /** The transports of the peer's media sessions that are open: its broadcast's or its viewing's. */
    List<String> of(Peer peer) {
        Viewing viewing = viewings.of(peer);
        if (viewing != null) {
            return List.of(viewing.transportId());
        }
        return Broadcasts.live(peer).filter(live -> live.broadcaster() == peer && !live.isEnded())
                .map(live -> List.of(live.transportId())).orElse(List.of());
    }

    private static StreamException unknown(String transportId) {
        return new StreamException(StreamException.UNKNOWN_TRANSPORT, "no transport '" + transportId
                + "' on this connection");
    }
}
