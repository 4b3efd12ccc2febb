package dev.beam.signaling;

import dev.beam.room.Peer;
import dev.beam.room.PeerListener;
import dev.beam.stream.MediaClient;
import dev.beam.stream.ViewerDelivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A browser's session: its room membership, its media sessions (through {@link MediaClient}) and
 * the way back to it. It begins with a signaling connection but does not end with one: a
 * connection that drops leaves it detached, and a new connection that presents its resume token
 * within the grace period takes it over ({@link ResumableSessions}). Events raised meanwhile
 * wait for it, the latest {@value #MAX_WAITING} of them.
 */
final class PeerSession implements PeerListener, MediaClient {
    static final int MAX_WAITING = 64;

    private final String id;
    private final String address;
    private final MessageCodec codec;
    private final String resumeToken;
    private FrameSink connection;
    private volatile Peer peer;
    /** Events raised while a reply is due or while detached; they go out after the reply. */
    private ArrayDeque<ServerMessage> held;

    /**
     * @param address      the client's address at the WebSocket handshake of the connection that
     *                     opened it: what session limits count it under, for its whole life
     * @param resumeToken  the secret a new connection presents to take it over
     */
    PeerSession(String id, String address, FrameSink connection, MessageCodec codec, String resumeToken) {
        this.id = id;
        this.address = address;
        this.connection = connection;
        this.codec = codec;
        this.resumeToken = resumeToken;
    }

    String id() {
        return id;
    }

    String resumeToken() {
        return resumeToken;
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

    synchronized boolean isAttachedTo(FrameSink connection) {
        return this.connection == connection;
    }

    /** Its connection dropped: events wait for the next one. False if {@code dropped} no longer had it. */
    synchronized boolean detachFrom(FrameSink dropped) {
        if (connection != dropped) {
            return false;
        }
        connection = null;
        if (held == null) {
            held = new ArrayDeque<>();
        }
        return true;
    }

    /**
     * A new connection takes the session over; the one it had, if any, is closed. What waited
     * goes out after the next reply, the resume's.
     */
    synchronized void attach(FrameSink next) {
        FrameSink previous = connection;
        connection = next;
        if (held == null) {
            held = new ArrayDeque<>();
        }
        if (previous != null && previous != next) {
            previous.takenOver();
        }
    }

    /** Until the next reply, events are held back so that the reply is the first news a client gets. */
    synchronized void holdEvents() {
        if (held == null) {
            held = new ArrayDeque<>();
        }
    }

    synchronized void reply(ServerMessage reply) {
        send(reply);
        if (held != null && connection != null) {
            List<ServerMessage> waiting = new ArrayList<>(held);
            held = null;
            waiting.forEach(this::send);
        }
    }

    /** An event for this session alone, e.g. {@code transport-created} before its reply. */
    void notify(ServerMessage event) {
        event(event);
    }

    private synchronized void event(ServerMessage event) {
        if (held != null) {
            if (held.size() == MAX_WAITING) {
                held.removeFirst();
            }
            held.add(event);
        } else {
            send(event);
        }
    }

    private void send(ServerMessage message) {
        if (connection != null) {
            connection.send(codec.encode(message));
        }
    }

    /** The session ended: nothing more goes out. */
    synchronized void closed() {
        if (connection != null) {
            connection.close();
        }
        held = null;
    }

    @Override
    public void transportClosed(String transportId, String reason) {
        event(new ServerMessage.TransportClosed(transportId, reason));
    }

    @Override
    public void layerChanged(String viewingId, ViewerDelivery delivery) {
        event(new ServerMessage.LayerChanged(viewingId, delivery.quality(), delivery.layer(), delivery.reason(),
                delivery.temporalLayer(), delivery.estimateBps()));
    }

    @Override
    public void sendLayers(String broadcastId, List<String> active, List<String> paused) {
        event(new ServerMessage.SendLayers(broadcastId, active, paused));
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
