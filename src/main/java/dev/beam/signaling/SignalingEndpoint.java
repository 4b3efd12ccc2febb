package dev.beam.signaling;

import dev.beam.config.SignalingLimits;
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
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signaling WebSocket at {@code /ws}: decodes a frame, hands it to {@link SignalingService},
 * sends the reply. One instance per connection. {@link SignalingDeployment} deploys it when the
 * application starts. The Origin check and the connection limits happen before the upgrade, in
 * servlet filters.
 *
 * <p>Every request gets a reply: an error the input caused gets its code, and anything else that
 * goes wrong, even an {@link Error}, gets {@code internal-error}, both with the request's id.
 */
@ServerEndpoint(value = "/ws", configurator = HandshakeTickets.class)
@Dependent
public class SignalingEndpoint {
    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());
    /** Log lines about bad messages and failures, for all connections together: no log floods. */
    private static final TokenBucket BAD_INPUT_LOG = new TokenBucket(Clock.systemUTC(), 2, 20);
    /** What a connection that came without a ticket (none of the filters ran) counts as. */
    private static final String UNKNOWN_ADDRESS = "unknown";
    private static final TokenBucket FAILURE_LOG = new TokenBucket(Clock.systemUTC(), 0.1, 3);
    private static final Set<CloseReason.CloseCode> DROPPED = Set.of(CloseReason.CloseCodes.CLOSED_ABNORMALLY,
            CloseReason.CloseCodes.UNEXPECTED_CONDITION, CloseReason.CloseCodes.TRY_AGAIN_LATER);
    private static final CloseReason TOO_MANY_MESSAGES = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
            "too many messages; see SIGNALING_MESSAGES_PER_SECOND");

    @Inject
    SignalingService service;

    @Inject
    MessageCodec codec;

    @Inject
    BeamMetrics metrics;

    @Inject
    SignalingHeartbeat heartbeat;

    @Inject
    SignalingLimits limits;

    @Inject
    ConnectionCloser closer;

    @Inject
    Clock clock;

    private PeerSession peer;
    private Outbox outbox;
    private Liveness liveness;
    private MessageRateLimit rateLimit;
    private Optional<ConnectionLimiter.Ticket> ticket = Optional.empty();
    private final MessageAssembler assembler = new MessageAssembler(MessageCodec.MAX_FRAME_CHARS);

    @OnOpen
    public void open(Session session) {
        ticket = ConnectionAdmission.ticketOf(session.getUserProperties());
        session.setMaxTextMessageBufferSize(MessageCodec.MAX_FRAME_CHARS);
        // No idle timeout: a viewer sends nothing while it watches; the heartbeat finds the vanished.
        session.setMaxIdleTimeout(0);
        // A write the browser never takes (it stopped reading) must fail in time: Liberty holds an
        // incoming close, and a thread with it, until the write in progress ends.
        session.getAsyncRemote().setSendTimeout(Outbox.SEND_TIMEOUT_MILLIS);
        outbox = new Outbox(session, reason -> {
            if (reason == Outbox.TOO_SLOW) {
                metrics.limitRefused("outbox");
            }
            closer.closeLater(session, reason);
        });
        // The address the connection limits counted it under: its TCP peer at the handshake.
        peer = service.open(ticket.map(ConnectionLimiter.Ticket::address).orElse(UNKNOWN_ADDRESS), outbox);
        rateLimit = new MessageRateLimit(clock, limits.messagesPerSecond(), limits.messageBurst(),
                limits.maxRefusedMessages(), SignalingLimits.REFUSAL_WINDOW);
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
        Optional<String> frame;
        try {
            frame = assembler.add(part, last);
        } catch (MessageAssembler.TooBigException e) {
            metrics.errorSent(SignalingException.MESSAGE_TOO_BIG);
            ConnectionCloser.close(session, new CloseReason(CloseReason.CloseCodes.TOO_BIG, e.getMessage()));
            return;
        }
        if (frame.isPresent()) {
            try {
                admit(session, frame.get());
            } catch (Throwable e) {
                failed(e, RequestIdScanner.find(frame.get()));
            }
        }
    }

    private void admit(Session session, String frame) {
        switch (rateLimit.next()) {
            case ADMIT -> handle(frame);
            case REFUSE -> {
                metrics.limitRefused("message-rate");
                reject(new SignalingException(SignalingException.RATE_LIMITED, "more than "
                        + limits.messagesPerSecond() + " messages per second; this one was dropped",
                        RequestIdScanner.find(frame)));
            }
            case CLOSE -> {
                metrics.limitRefused("message-rate");
                if (BAD_INPUT_LOG.tryTake()) {
                    LOG.info("[session " + peer.id() + "] closing: kept sending over the message rate");
                }
                ConnectionCloser.close(session, TOO_MANY_MESSAGES);
            }
        }
    }

    private void handle(String frame) {
        Long id = null;
        try {
            ClientMessage message = codec.decode(frame);
            id = message.id();
            metrics.messageReceived(MessageCodec.typeOf(message));
            SignalingService.Handled handled = service.handle(peer, outbox, message);
            peer = handled.session();
            peer.reply(handled.reply());
        } catch (SignalingException e) {
            reject(e);
        } catch (RoomException e) {
            reject(new SignalingException(e.code(), e.getMessage(), id));
        } catch (Throwable e) {
            failed(e, id != null ? id : RequestIdScanner.find(frame));
        }
    }

    /** A bug, or the JVM out of something: still a reply with the request's id, and a rate-limited log. */
    private void failed(Throwable failure, Long id) {
        if (FAILURE_LOG.tryTake()) {
            LOG.log(Level.WARNING, "[session " + peer.id() + "] request failed (later ones within 10 s are not logged)", failure);
        }
        SignalingException error = new SignalingException(SignalingException.INTERNAL_ERROR,
                "the server failed to handle this request", id);
        try {
            reject(error);
        } catch (Throwable encodeFailed) {
            outbox.send(ErrorFrames.internalError(id));
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        heartbeat.heartbeat().alive(liveness);
    }

    /**
     * A connection the network dropped (Liberty reports 1011, "read failed", or 1006), or that the
     * server closed because its browser could not keep up (1013), leaves its session to be resumed;
     * a browser that closes (its page left: 1000, 1001) or one closed for breaking the rules ends it.
     */
    @OnClose
    public void close(Session session, CloseReason reason) {
        LOG.fine(() -> "[session " + peer.id() + "] connection closed: " + reason);
        ticket.ifPresent(ConnectionLimiter.Ticket::release);
        heartbeat.heartbeat().closed(liveness);
        service.disconnected(peer, outbox, DROPPED.contains(reason.getCloseCode()));
    }

    @OnError
    public void error(Session session, Throwable failure) {
        if (failure instanceof IOException) {
            LOG.fine(() -> "[session " + session.getId() + "] connection error: " + failure);
        } else if (FAILURE_LOG.tryTake()) {
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

        /** The browser is gone, or its network: its session waits for a resume rather than for TCP to give up. */
        @Override
        public void close(String reason) {
            LOG.info(() -> "[session " + peer.id() + "] closing its connection: " + reason);
            ticket.ifPresent(ConnectionLimiter.Ticket::release);
            service.disconnected(peer, outbox, true);
            ConnectionCloser.close(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason));
        }
    }

    private void reject(SignalingException e) {
        metrics.errorSent(e.code());
        if (RoomException.TOO_MANY_ROOMS.equals(e.code())) {
            metrics.limitRefused("rooms");
        }
        if (LOG.isLoggable(Level.FINE) && BAD_INPUT_LOG.tryTake()) {
            LOG.fine("[session " + peer.id() + "] error " + e.code() + ": " + ErrorFrames.capped(e.getMessage()));
        }
        peer.reply(new ServerMessage.Error(e.requestId(), e.code(), ErrorFrames.capped(e.getMessage())));
    }
}
