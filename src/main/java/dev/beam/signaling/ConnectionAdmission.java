package dev.beam.signaling;

import dev.beam.config.SignalingLimits;
import dev.beam.metrics.BeamMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Admits WebSocket connections within {@link SignalingLimits}: the {@link ConnectionAdmissionFilter}
 * asks before the handshake, the endpoint gives the place back when the connection closes.
 */
@ApplicationScoped
public class ConnectionAdmission {
    private static final Logger LOG = Logger.getLogger(ConnectionAdmission.class.getName());

    private ConnectionLimiter limiter;
    private BeamMetrics metrics;
    private TokenBucket logBudget;

    /** For CDI's client proxy only. */
    protected ConnectionAdmission() {
    }

    @Inject
    public ConnectionAdmission(SignalingLimits limits, BeamMetrics metrics, Clock clock) {
        this.limiter = new ConnectionLimiter(limits.maxConnectionsPerAddress(), limits.maxConnections());
        this.metrics = metrics;
        this.logBudget = new TokenBucket(clock, 1, 5);
    }

    /** A place for a connection from this address, or the limit that refused it (counted and logged, rate-limited). */
    ConnectionLimiter.Admission admit(String address) {
        ConnectionLimiter.Admission admission = limiter.admit(address);
        if (!admission.admitted()) {
            metrics.limitRefused(admission.refusal().limit());
            if (logBudget.tryTake()) {
                LOG.info(() -> "refused a signaling connection from " + ClientText.quote(address) + ": limit "
                        + admission.refusal().limit() + " reached");
            }
        }
        return admission;
    }

    public int connections() {
        return limiter.connections();
    }

    /** At the total limit: a load balancer should send new clients elsewhere. */
    public boolean full() {
        return limiter.full();
    }

    /** The ticket the handshake left in a connection's user properties, if any. */
    static Optional<ConnectionLimiter.Ticket> ticketOf(Map<String, Object> userProperties) {
        return Optional.ofNullable((ConnectionLimiter.Ticket) userProperties.get(HandshakeTickets.KEY));
    }
}
