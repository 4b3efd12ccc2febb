package dev.beam.signaling;

import dev.beam.health.ReadinessProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deploys the signaling endpoint at {@link #PATH} on the WebSocket container while the application
 * starts, and takes part in {@code /health/ready} with the outcome. The endpoint is registered in
 * code rather than found by annotation scanning, so that a deployment the container refuses is
 * seen here: with scanning, the server logged it and readiness still said UP while every
 * handshake failed.
 */
@ApplicationScoped
public class SignalingDeployment implements ReadinessProbe {
    static final String PATH = "/ws";
    private static final Logger LOG = Logger.getLogger(SignalingDeployment.class.getName());

    private volatile boolean deployed;

    /**
     * Deploys the endpoint on {@code container}, the servlet context's; null when the context has
     * none (the WebSocket feature is not enabled). Only while the application starts: containers
     * refuse endpoints after that.
     */
    public void deploy(ServerContainer container) {
        if (container == null) {
            LOG.severe("signaling endpoint " + PATH + " not deployed: the application has no WebSocket container"
                    + " (enable the websocket feature); not ready, no client can connect");
            return;
        }
        try {
            container.addEndpoint(config());
            deployed = true;
            LOG.info("signaling endpoint deployed at " + PATH);
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(Level.SEVERE, "signaling endpoint " + PATH + " not deployed: " + e.getMessage()
                    + "; not ready, no client can connect", e);
        }
    }

    /**
     * The endpoint as the container gets it: {@link HandshakeTickets} carries each connection's
     * ticket from {@link ConnectionAdmissionFilter} to it, and the container makes each
     * connection's {@link SignalingEndpoint} as a CDI bean.
     */
    static ServerEndpointConfig config() {
        return ServerEndpointConfig.Builder.create(SignalingEndpoint.class, PATH)
                .configurator(new HandshakeTickets())
                .build();
    }

    @Override
    public String name() {
        return "signaling-endpoint";
    }

    @Override
    public boolean ready() {
        return deployed;
    }
}
