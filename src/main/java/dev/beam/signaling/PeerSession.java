package dev.beam.signaling;

import dev.beam.room.Peer;
import dev.beam.room.PeerListener;
import dev.beam.stream.MediaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One signaling connection: its room membership and the way back to its browser. */
final class PeerSession implements PeerListener, MediaClient {
    private final String sessionId;
    private final String address;
    private final FrameSink outbox;
    private final MessageCodec codec;
    private volatile Peer peer;
    /** Events raised while this connection's join is in flight; they go out after its reply. */
    private List<ServerMessage> held;

    /** @param address the client's address at the WebSocket handshake (the remote address its connection was admitted under) */
    PeerSession(String sessionId, String address, FrameSink outbox, MessageCodec codec) {
        this.sessionId = sessionId;
        this.address = address;
        this.outbox = outbox;
        this.codec = codec;
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public String address() {
        return address;
    }

    Optional<Peer> peer() {
        return Optional.ofNullable(peer);
    }

    void joined(Peer peer) {
        this.peer = peer;
    }

    void left() {
        this.peer = null;
    }

    /** Until the next reply, events are held back so that the reply is the first news a client gets. */
    synchronized void holdEvents() {
        held = new ArrayList<>();
    }

    synchronized void reply(ServerMessage reply) {
        send(reply);
        if (held != null) {
            held.forEach(this::send);
            held = null;
        }
    }

    /** An event for this connection alone, e.g. {@code transport-created} before its reply. */
    void notify(ServerMessage event) {
        event(event);
    }

    private synchronized void event(ServerMessage event) {
        if (held != null) {
            held.add(event);
        } else {
            send(event);
        }
    }

    private void send(ServerMessage message) {
        outbox.send(codec.encode(message));
    }

    void closed() {
        outbox.close();
    }

    @Override
    public void transportClosed(String transportId, String reason) {
        event(new ServerMessage.TransportClosed(transportId, reason));
    }

    @Override
    public void viewerCount(String room, int viewers) {
        event(new ServerMessage.ViewerCount(room, viewers));
    }

    @Override
    public void streamStarted(String room) {
        event(new ServerMessage.StreamStarted(room));
    }

    @Override
    public void streamEnded(String room) {
        event(new ServerMessage.StreamEnded(room));
    }

    @Override
    public void userJoined(String room, String peerId) {
        event(new ServerMessage.UserJoined(room, peerId));
    }

    @Override
    public void userLeft(String room, String peerId) {
        event(new ServerMessage.UserLeft(room, peerId));
    }
}
