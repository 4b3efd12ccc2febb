package dev.beam.signaling;

import jakarta.servlet.ServletException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;

/**
 * The address a signaling connection came from: the HTTP request's remote address at its WebSocket
 * handshake. The WebSocket API does not show it, so {@link ClientAddressFilter} holds it for the
 * handshake's thread and this configurator files it with the connection's own copy of the endpoint
 * configuration. Forwarded headers are not believed: behind a proxy every client has the proxy's address.
 */
public class ClientAddress extends ServerEndpointConfig.Configurator {
    private static final String KEY = "dev.beam.clientAddress";
    /** What a connection whose handshake carried no address counts as. */
    static final String UNKNOWN = "unknown";
    private static final ThreadLocal<String> HANDSHAKE = new ThreadLocal<>();

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String address = HANDSHAKE.get();
        config.getUserProperties().put(KEY, address != null ? address : UNKNOWN);
    }

    /** The connection's address, as filed at its handshake. */
    static String of(Session session) {
        Object address = session.getUserProperties().get(KEY);
        return address instanceof String text ? text : UNKNOWN;
    }

    /** Runs the handshake with the request's address at hand (the filter chain ends in the upgrade). */
    static void during(String address, Handshake handshake) throws IOException, ServletException {
        HANDSHAKE.set(address);
        try {
            handshake.run();
        } finally {
            HANDSHAKE.remove();
        }
    }

    /** The rest of the filter chain. */
    interface Handshake {
        void run() throws IOException, ServletException;
    }
}
