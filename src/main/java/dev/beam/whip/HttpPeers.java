package dev.beam.whip;

import dev.beam.room.Membership;
import dev.beam.room.Peer;
import dev.beam.room.Role;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.sdp.IceFragment;
import dev.beam.sdp.RestartedAnswer;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.StreamException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The WHIP and WHEP sessions: each a peer in a room, opened by an offer, ended by a
 * {@code DELETE} or when its media ends. Errors become HTTP statuses here, each with its reason.
 */
@ApplicationScoped
public class HttpPeers {
    private static final Logger LOG = Logger.getLogger(HttpPeers.class.getName());

    /** A session opened, and the answer to its offer. */
    record Created(HttpPeer session, String sdp) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, HttpPeer> byId = new ConcurrentHashMap<>();

    @Inject
    RoomRegistry rooms;

    @Inject
    Broadcasts broadcasts;

    @Resource(lookup = "concurrent/beamScheduler")
    ManagedScheduledExecutorService scheduler;

    /** Opens a broadcaster's (WHIP) or a viewer's (WHEP) session in the room with the offer. */
    Created open(String room, Role role, String offer, String address) throws HttpProblem {
        HttpPeer session = new HttpPeer(newId(role), address, newEtag(), this::endLater);
        Membership membership;
        try {
            membership = rooms.join(room, role, session);
        } catch (RoomException e) {
            throw roomProblem(e);
        }
        Peer peer = membership.peer();
        session.joined(peer);
        byId.put(session.id(), session);
        try {
            if (role == Role.VIEWER && !membership.room().live()) {
                // draft-ietf-wish-whep section 4.3.8: players retry with backoff.
                throw new HttpProblem(HttpServletResponse.SC_CONFLICT, "nothing is live in room '" + room
                        + "'; try again once its broadcast has started", 5);
            }
            Broadcasts.Answer answer = role == Role.BROADCASTER ? broadcasts.startBroadcasting(peer, session, offer)
                    : broadcasts.startViewing(peer, session, offer);
            if (role == Role.VIEWER) {
                broadcasts.resumeViewing(peer, answer.id());
            }
            session.started(answer.transportId(), answer.remoteUfrag(), answer.remotePwd());
            LOG.info(() -> "[room " + room + "] " + role.wireName() + " " + peer.id() + " joined over "
                    + (role == Role.BROADCASTER ? "WHIP" : "WHEP") + " (session " + session.id() + ")");
            return new Created(session, answer.sdp());
        } catch (StreamException e) {
            end(session.id());
            throw streamProblem(e);
        } catch (RoomException e) {
            end(session.id());
            throw roomProblem(e);
        } catch (HttpProblem | RuntimeException e) {
            end(session.id());
            throw e;
        }
    }

    /** The session with this id and role, if it is open. */
    Optional<HttpPeer> find(String id, Role role) {
        HttpPeer session = byId.get(id);
        return session != null && session.peer().role() == role ? Optional.of(session) : Optional.empty();
    }

    /**
     * Candidates the client trickled. Those the server cannot use (a name, never looked up; an
     * mDNS name; TCP) are dropped without a word (RFC 9725 section 4.3.2).
     */
    void addCandidates(HttpPeer session, List<String> candidates) throws HttpProblem {
        for (String candidate : candidates) {
            try {
                broadcasts.addCandidate(session.peer(), session.transportId(), candidate);
            } catch (StreamException e) {
                if (!StreamException.INVALID_MESSAGE.equals(e.code())) {
                    throw streamProblem(e);
                }
                LOG.fine(() -> "[session " + session.id() + "] trickled candidate dropped: " + e.getMessage());
            }
        }
    }

    /**
     * An ICE restart (RFC 9725 section 4.3.3) with the client's new credentials: the session gets
     * a new ICE session, and its entity tag with it. Returns the server's side as the fragment
     * to answer with.
     */
    IceFragment restartIce(HttpPeer session, String remoteUfrag, String remotePwd) throws HttpProblem {
        try {
            String answer = broadcasts.restartIce(session.peer(), session.transportId(), remoteUfrag, remotePwd);
            session.restarted(remoteUfrag, remotePwd, newEtag());
            LOG.info(() -> "[room " + session.peer().room().name() + "] " + session.peer().role().wireName() + " "
                    + session.peer().id() + " restarted ICE (session " + session.id() + ")");
            return RestartedAnswer.fragment(answer);
        } catch (StreamException e) {
            throw streamProblem(e);
        }
    }

    private String newEtag() {
        return "\"" + hex(8) + "\"";
    }

    /** Ends the session: its peer leaves the room, its media closes. False if it had ended already. */
    boolean end(String id) {
        HttpPeer session = byId.remove(id);
        if (session == null) {
            return false;
        }
        Peer peer = session.peer();
        broadcasts.peerLeft(peer);
        rooms.leave(peer);
        LOG.fine(() -> "[room " + peer.room().name() + "] " + peer.role().wireName() + " " + peer.id()
                + " left (session " + id + ")");
        return true;
    }

    /** Called from room events and media threads: the end runs later, outside their locks. */
    private void endLater(HttpPeer session) {
        scheduler.execute(() -> end(session.id()));
    }

    @PreDestroy
    void endAll() {
        byId.keySet().forEach(this::end);
    }

    private static HttpProblem roomProblem(RoomException e) {
        return switch (e.code()) {
            case "broadcaster-exists" -> new HttpProblem(HttpServletResponse.SC_CONFLICT, e.getMessage());
            case "room-full" -> new HttpProblem(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage(), 10);
            default -> new HttpProblem(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage(), 30);
        };
    }

    private static HttpProblem streamProblem(StreamException e) {
        return switch (e.code()) {
            case StreamException.INVALID_SDP -> new HttpProblem(e.isUnacceptableOffer() ? 422
                    : HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            case StreamException.INVALID_MESSAGE -> new HttpProblem(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            case StreamException.NOT_LIVE -> new HttpProblem(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            case StreamException.ALREADY_PRODUCING -> new HttpProblem(HttpServletResponse.SC_CONFLICT, e.getMessage());
            case StreamException.SERVER_BUSY -> new HttpProblem(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage(), 5);
            default -> new HttpProblem(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage(), 10);
        };
    }

    private String newId(Role role) {
        return (role == Role.BROADCASTER ? "whip-" : "whep-") + hex(8);
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
