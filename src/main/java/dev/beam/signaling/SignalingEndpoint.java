package dev.beam.signaling;

import dev.beam.metrics.BeamMetrics;
import dev.beam.room.RoomException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signaling WebSocket at {@code /ws}: decodes a frame, hands it to {@link SignalingService},
 * sends the reply. One instance per connection. The Origin check happens before the upgrade, in
 * {@link OriginFilter}.
 */
@ServerEndpoint(value = "/ws", configurator = ClientAddress.class)
@Dependent
public class SignalingEndpoint {
    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());

    @Inject
    SignalingService service;

    @Inject
    MessageCodec codec;

    @Inject
    BeamMetrics metrics;

    @Inject
    SignalingHeartbeat heartbeat;

    private PeerSession peer;
    private Outbox outbox;
    private Liveness liveness;
    private final MessageAssembler assembler = new MessageAssembler(MessageCodec.MAX_FRAME_CHARS);

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MessageCodec.MAX_FRAME_CHARS);
        // No idle timeout: a viewer sends nothing while it watches; the heartbeat finds the vanished.
        session.setMaxIdleTimeout(0);
        // A write the browser never takes (it stopped reading) must fail in time: Liberty holds an
        // incoming close, and a thread with it, until the write in progress ends.
        session.getAsyncRemote().setSendTimeout(Outbox.SEND_TIMEOUT_MILLIS);
        outbox = new Outbox(session);
        peer = new PeerSession(session.getId(), ClientAddress.of(session), outbox, codec);
        liveness = new Liveness(session);
        heartbeat.heartbeat().opened(liveness);
        LOG.fine(() -> "[session " + session.getId() + "] open");
    }

    /**
     * Takes messages in parts so that an oversized one is refused with a clear close reason
     * before it is buffered whole.
     */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        heartbeat.heartbeat().alive(liveness);
        try {
            assembler.add(part, last).ifPresent(this::handle);
        } catch (MessageAssembler.TooBigException e) {
            metrics.errorSent(SignalingException.MESSAGE_TOO_BIG);
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.TOO_BIG, e.getMessage()));
        }
    }

    private void handle(String frame) {
        try {
            ClientMessage message = codec.decode(frame);
            metrics.messageReceived(MessageCodec.typeOf(message));
            try {
                peer.reply(service.handle(peer, message));
            } catch (RoomException e) {
                reject(new SignalingException(e.code(), e.getMessage(), message.id()));
            }
        } catch (SignalingException e) {
            reject(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[session " + peer.sessionId() + "] request failed", e);
            reject(new SignalingException(SignalingException.INTERNAL_ERROR, "the server failed to handle this request", null));
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        heartbeat.heartbeat().alive(liveness);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        LOG.fine(() -> "[session " + session.getId() + "] closed: " + reason);
        heartbeat.heartbeat().closed(liveness);
        service.disconnected(peer);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        if (failure instanceof IOException) {
            LOG.fine(() -> "[session " + session.getId() + "] connection error: " + failure);
        } else {
            LOG.log(Level.WARNING, "[session " + session.getId() + "] error", failure);
        }
    }

    /** This connection as the heartbeat sees it. */
    private final class Liveness implements Heartbeat.Connection {
        private final Session session;

        Liveness(Session session) {
            this.session = session;
        }

        @Override
        public void ping() {
            outbox.ping();
        }

        /** The browser is gone: leave the room now rather than when TCP gives up. */
        @Override
        public void close(String reason) {
            LOG.info(() -> "[session " + session.getId() + "] closing: " + reason);
            service.disconnected(peer);
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason));
        }
    }

    private void closeQuietly(Session session, CloseReason reason) {
        LOG.fine(() -> "[session " + session.getId() + "] closing: " + reason.getReasonPhrase());
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "[session " + session.getId() + "] close failed", e);
        }
    }

    private void reject(SignalingException e) {
        metrics.errorSent(e.code());
        LOG.fine(() -> "[session " + peer.sessionId() + "] error " + e.code() + ": " + e.getMessage());
        peer.reply(new ServerMessage.Error(e.requestId(), e.code(), e.getMessage()));
    }
}
