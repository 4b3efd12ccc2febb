package dev.beam.signaling;

import dev.beam.access.AccessDenied;
import dev.beam.access.AccessTokens;
import dev.beam.room.Membership;
import dev.beam.room.Peer;
import dev.beam.room.Role;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.signaling.ClientMessage.CloseProducer;
import dev.beam.signaling.ClientMessage.ConnectTransport;
import dev.beam.signaling.ClientMessage.Consume;
import dev.beam.signaling.ClientMessage.CreateTransport;
import dev.beam.signaling.ClientMessage.JoinRoom;
import dev.beam.signaling.ClientMessage.LeaveRoom;
import dev.beam.signaling.ClientMessage.Produce;
import dev.beam.signaling.ClientMessage.ResumeConsumer;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.StreamException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** What each request does to the rooms, and the reply it gets. */
@ApplicationScoped
public class SignalingService {

    private RoomRegistry rooms;
    private Broadcasts broadcasts;
    private AccessTokens access;

    /** For CDI's client proxy only. */
    protected SignalingService() {
    }

    @Inject
    public SignalingService(RoomRegistry rooms, Broadcasts broadcasts, AccessTokens access) {
        this.rooms = rooms;
        this.broadcasts = broadcasts;
        this.access = access;
    }

    ServerMessage handle(PeerSession session, ClientMessage message) throws SignalingException, RoomException {
        try {
            return dispatch(session, message);
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
        throw new IllegalStateException("unhandled message " + message.getClass().getSimpleName());
    }

    /** The connection closed: its peer leaves at once. */
    void disconnected(PeerSession session) {
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
        return new ServerMessage.RoomJoined(join.id(), join.room(), join.role(), membership.peer().id(),
                membership.room().live(), membership.room().viewers());
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
