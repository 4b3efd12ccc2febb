package dev.beam.signaling;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Carries a connection's {@link ConnectionLimiter.Ticket} from the servlet filter that admitted it
 * to the endpoint that must give it back. The filter and the handshake run on one thread, inside
 * the filter chain; WebSocket 2.1 gives each connection its own copy of the user properties that
 * {@link #modifyHandshake} fills, and the session starts with them.
 */
public class HandshakeTickets extends ServerEndpointConfig.Configurator {
    static final String KEY = "dev.beam.signaling.ticket";
    private static final ThreadLocal<ConnectionLimiter.Ticket> PENDING = new ThreadLocal<>();

    /** The filter: this thread's handshake holds this ticket. */
    static void offer(ConnectionLimiter.Ticket ticket) {
        PENDING.set(ticket);
    }

    /** The filter, after the chain: true if the handshake took the ticket. */
    static boolean takenAfterOffer() {
        boolean taken = PENDING.get() == null;
        PENDING.remove();
        return taken;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        ConnectionLimiter.Ticket ticket = PENDING.get();
        if (ticket != null) {
            config.getUserProperties().put(KEY, ticket);
            PENDING.remove();
        }
    }
}
