package dev.beam.signaling;

import dev.beam.health.ReadinessProbe;
import dev.beam.room.Membership;
import dev.beam.room.Peer;
import dev.beam.room.Room;
import dev.beam.room.RoomException;
import dev.beam.room.RoomSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signaling's part of {@code /health/ready}. At startup it loads and initializes everything a
 * request needs, {@link MessageCodec#warmUp()} and the classes below, so that no class or message
 * bundle is first loaded on a request: a load that fails then (the process out of file
 * descriptors) would fail every later message too. Ready while the codec round-trips a message
 * and the connection limit leaves room for a new client.
 */
@ApplicationScoped
public class SignalingReadiness implements ReadinessProbe {
    private static final Logger LOG = Logger.getLogger(SignalingReadiness.class.getName());
    /** Classes first touched by a connection or a request, beyond those the codec warm-up loads. */
    private static final List<Class<?>> REQUEST_PATH = List.of(Outbox.class, PeerSession.class, MessageAssembler.class,
            MessageAssembler.TooBigException.class, MessageRateLimit.class, MessageRateLimit.Verdict.class,
            TokenBucket.class, RequestIdScanner.class, ClientText.class, ErrorFrames.class, Heartbeat.class,
            ConnectionLimiter.class, ConnectionLimiter.Ticket.class, ConnectionLimiter.Admission.class,
            SignalingException.class, RoomException.class, Room.class,
            Peer.class, Membership.class, RoomSnapshot.class);
    private static final String PROBE = "{\"type\":\"join-room\",\"id\":1,\"room\":\"ready\",\"role\":\"viewer\"}";

    @Inject
    MessageCodec codec;

    @Inject
    ConnectionAdmission admission;

    private volatile boolean warm;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        warmUp();
    }

    @Override
    public String name() {
        return "signaling";
    }

    @Override
    public boolean ready() {
        return (warm || warmUp()) && roundTrips() && !admission.full();
    }

    /** Retried by readiness until it succeeds: a start under pressure recovers once the pressure is gone. */
    private boolean warmUp() {
        try {
            ClassLoader loader = SignalingReadiness.class.getClassLoader();
            for (Class<?> type : REQUEST_PATH) {
                Class.forName(type.getName(), true, loader);
            }
            codec.warmUp();
            warm = true;
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "signaling warm-up failed: not ready", e);
        }
        return warm;
    }

    private boolean roundTrips() {
        try {
            ClientMessage decoded = codec.decode(PROBE);
            return codec.encode(new ServerMessage.Error(decoded.id(), "probe", "probe")).contains("\"probe\"");
        } catch (Throwable e) {
            return false;
        }
    }
}
