package dev.beam.signaling;

import dev.beam.access.AccessDenied;
import dev.beam.access.AccessTokens;
import dev.beam.config.SignalingLimits;
import dev.beam.config.SignalingSettings;
import dev.beam.media.send.Quality;
import dev.beam.room.Membership;
import dev.beam.room.Peer;
import dev.beam.room.Role;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.signaling.ClientMessage.CloseProducer;
import dev.beam.signaling.ClientMessage.ConnectTransport;
import dev.beam.signaling.ClientMessage.RestartIce;
import dev.beam.signaling.ClientMessage.Consume;
import dev.beam.signaling.ClientMessage.CreateTransport;
import dev.beam.signaling.ClientMessage.JoinRoom;
import dev.beam.signaling.ClientMessage.LeaveRoom;
import dev.beam.signaling.ClientMessage.Produce;
import dev.beam.signaling.ClientMessage.ResumeConsumer;
import dev.beam.signaling.ClientMessage.ResumeSession;
import dev.beam.signaling.ClientMessage.SetQuality;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.StreamException;
import dev.beam.turn.IceServers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What each request does to the rooms, and the reply it gets; and the life of each browser's
 * {@link PeerSession}: opened with a connection, resumed by a later one, ended when it leaves, when
 * its connection closes cleanly, or when the grace period after a drop passes.
 */
@ApplicationScoped
public class SignalingService {
    private static final Logger LOG = Logger.getLogger(SignalingService.class.getName());

    /** What a request gives its connection: the session the connection serves from now on, and the reply. */
    record Handled(PeerSession session, ServerMessage reply) {
    }

    private final SecureRandom random = new SecureRandom();
    private RoomRegistry rooms;
    private Broadcasts broadcasts;
    private AccessTokens access;
    private MessageCodec codec;
    private ResumableSessions sessions;
    private IceServers iceServers;

    /** For CDI's client proxy only. */
    protected SignalingService() {
    }

    @Inject
    public SignalingService(RoomRegistry rooms, Broadcasts broadcasts, AccessTokens access, MessageCodec codec,
            SignalingSettings settings, SignalingLimits limits, Clock clock, IceServers iceServers) {
        this(rooms, broadcasts, access, codec,
                new ResumableSessions(clock, settings.sessionGrace(), limits.maxConnections()), iceServers);
    }

    SignalingService(RoomRegistry rooms, Broadcasts broadcasts, AccessTokens access, MessageCodec codec,
            ResumableSessions sessions) {
        this(rooms, broadcasts, access, codec, sessions, IceServers.none());
    }

    SignalingService(RoomRegistry rooms, Broadcasts broadcasts, AccessTokens access, MessageCodec codec,
            ResumableSessions sessions, IceServers iceServers) {
        this.rooms = rooms;
        this.broadcasts = broadcasts;
        this.access = access;
        this.codec = codec;
        this.sessions = sessions;
        this.iceServers = iceServers;
    }

    /** A new connection's session, in no room yet. */
    PeerSession open(String address, FrameSink connection) {
        byte[] id = new byte[6];
        random.nextBytes(id);
        return new PeerSession("s-" + HexFormat.of().formatHex(id), address, connection, codec, sessions.newToken());
    }

    /** A request on {@code connection}, whose session is {@code session}; a resume gives it another. */
    Handled handle(PeerSession session, FrameSink connection, ClientMessage message)
            throws SignalingException, RoomException {
        if (message instanceof ResumeSession resume) {
            return resume(session, connection, resume);
        }
        try {
            return new Handled(session, dispatch(session, message));
        } catch (StreamException e) {
            throw new SignalingException(e.code(), e.getMessage(), message.id());
        }
    }

    private ServerMessage dispatch(PeerSession session, ClientMessage message)
            throws SignalingException, RoomException, StreamException {
        if (message instanceof JoinRoom join) {
            return join(session, join);
        }
        if (message instanceof LeaveRoom leave) {
            Peer peer = member(session, leave.id());
            sessions.ended(session);
            leave(session, peer);
            return new ServerMessage.RoomLeft(leave.id(), peer.room().name());
        }
        if (message instanceof CreateTransport create) {
            throw new SignalingException(SignalingException.UNSUPPORTED,
                    "transports are created by 'produce' and 'consume' from the SDP offer", create.id());
        }
        if (message instanceof ConnectTransport connect) {
            broadcasts.addCandidate(member(session, connect.id()), connect.transportId(),
                    connect.candidate().candidate());
            return new ServerMessage.TransportConnected(connect.id(), connect.transportId());
        }
        if (message instanceof RestartIce restart) {
            String sdp = broadcasts.restartIce(member(session, restart.id()), restart.transportId(), restart.sdp());
            return new ServerMessage.IceRestarted(restart.id(), restart.transportId(), sdp);
        }
        if (message instanceof Produce produce) {
            Broadcasts.Answer answer = broadcasts.startBroadcasting(memberAs(session, Role.BROADCASTER, produce.id()),
                    session, produce.sdp());
            session.notify(new ServerMessage.TransportCreated(answer.transportId(), "send"));
            return new ServerMessage.ProducerCreated(produce.id(), answer.id(), answer.transportId(), answer.sdp());
        }
        if (message instanceof CloseProducer close) {
            broadcasts.stopBroadcasting(memberAs(session, Role.BROADCASTER, close.id()));
            return new ServerMessage.ProducerClosed(close.id());
        }
        if (message instanceof Consume consume) {
            Broadcasts.Answer answer = broadcasts.startViewing(memberAs(session, Role.VIEWER, consume.id()),
                    session, consume.sdp());
            session.notify(new ServerMessage.TransportCreated(answer.transportId(), "recv"));
            return new ServerMessage.ConsumerCreated(consume.id(), answer.id(), answer.transportId(), answer.sdp());
        }
        if (message instanceof ResumeConsumer resume) {
            broadcasts.resumeViewing(memberAs(session, Role.VIEWER, resume.id()), resume.consumerId());
            return new ServerMessage.ConsumerResumed(resume.id(), resume.consumerId());
        }
        if (message instanceof SetQuality set) {
            boolean simulcast = broadcasts.setQuality(memberAs(session, Role.VIEWER, set.id()), set.consumerId(),
                    Quality.fromWire(set.quality()));
            return new ServerMessage.QualitySet(set.id(), set.consumerId(), set.quality(), simulcast);
        }
        throw new IllegalStateException("unhandled message " + message.getClass().getSimpleName());
    }

    /**
     * A connection presents a session's resume token, before it joins a room: it takes that session
     * over, and the connection that had it, if still open, is closed. The connection's own session,
     * in no room, is simply dropped.
     */
    private Handled resume(PeerSession current, FrameSink connection, ResumeSession resume) throws SignalingException {
        if (current.peer().isPresent()) {
            throw new SignalingException(SignalingException.ALREADY_IN_ROOM, "this connection's session is in room '"
                    + current.peer().get().room().name() + "'; a connection resumes a session before it joins one",
                    resume.id());
        }
        PeerSession session = sessions.resume(resume.token(), connection).orElse(null);
        Peer peer = session == null ? null : session.peer().orElse(null);
        if (peer == null) {
            throw new SignalingException(SignalingException.UNKNOWN_SESSION,
                    "no session to resume with this token: it ended, or its grace period passed; join again", resume.id());
        }
        LOG.info(() -> "[room " + peer.room().name() + "] " + peer.role().wireName() + " " + peer.id()
                + " resumed session " + session.id() + " on a new connection");
        var room = peer.room().snapshot();
        return new Handled(session, new ServerMessage.SessionResumed(resume.id(), room.name(), peer.role().wireName(),
                peer.id(), session.id(), room.live(), room.viewers(), broadcasts.transports(peer),
                iceServers.forPeer(peer.id()), iceServers.transportPolicy()));
    }

    /**
     * The connection closed. When {@code dropped} (the network or the server cut it, not the
     * browser), its session waits for a resume for the grace period; otherwise it ends now. A
     * session another connection has taken over is not this connection's to end.
     */
    void disconnected(PeerSession session, FrameSink connection, boolean dropped) {
        if (!session.isAttachedTo(connection)) {
            return;
        }
        if (dropped && session.peer().isPresent() && !sessions.grace().isZero()) {
            if (sessions.detach(session, connection)) {
                LOG.fine(() -> "[session " + session.id() + "] connection dropped; resumable for "
                        + sessions.grace().toMillis() + " ms");
                sessions.overflow().forEach(this::end);
            }
            return;
        }
        end(session);
    }

    /** Ends the sessions whose grace period has passed; runs every second. */
    void expireDetached() {
        for (PeerSession session : sessions.expired()) {
            session.peer().ifPresent(peer -> LOG.info(() -> "[room " + peer.room().name() + "] " + peer.role().wireName()
                    + " " + peer.id() + " did not resume within " + sessions.grace().toMillis() + " ms: session ended"));
            end(session);
        }
    }

    int detachedSessions() {
        return sessions.detachedCount();
    }

    private void end(PeerSession session) {
        sessions.ended(session);
        session.peer().ifPresent(peer -> leave(session, peer));
        session.closed();
    }

    private ServerMessage join(PeerSession session, JoinRoom join) throws SignalingException, RoomException {
        if (session.peer().isPresent()) {
            throw new SignalingException(SignalingException.ALREADY_IN_ROOM,
                    "this connection is already in room '" + session.peer().get().room().name() + "'; leave it first",
                    join.id());
        }
        Role role = Role.fromWire(join.role());
        try {
            access.authorize(Optional.ofNullable(join.token()), join.room(), role);
        } catch (AccessDenied e) {
            throw new SignalingException(e.code(), e.reason(), join.id());
        }
        session.holdEvents();
        Membership membership = rooms.join(join.room(), role, session);
        session.joined(membership.peer());
        sessions.joined(session);
        return new ServerMessage.RoomJoined(join.id(), join.room(), join.role(), membership.peer().id(),
                membership.room().live(), membership.room().viewers(), session.id(), session.resumeToken(),
                sessions.grace().toMillis(), iceServers.forPeer(membership.peer().id()), iceServers.transportPolicy());
    }

    private void leave(PeerSession session, Peer peer) {
        session.left();
        broadcasts.peerLeft(peer);
        rooms.leave(peer);
    }

    private static Peer member(PeerSession session, Long requestId) throws SignalingException {
        return session.peer().orElseThrow(() -> new SignalingException(SignalingException.NOT_IN_ROOM,
                "join a room first", requestId));
    }

    private static Peer memberAs(PeerSession session, Role role, Long requestId) throws SignalingException {
        Peer peer = member(session, requestId);
        if (peer.role() != role) {
            throw new SignalingException(SignalingException.WRONG_ROLE,
                    "only a " + role.wireName() + " can do this; this connection is a " + peer.role().wireName(),
                    requestId);
        }
        return peer;
    }
}
