package dev.beam.signaling;

import dev.beam.health.ReadinessProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deploys {@link SignalingEndpoint} on the WebSocket container while the application starts, and
 * takes part in {@code /health/ready} with the outcome. The application deploys it itself, not the
 * container's annotation scan ({@link EndpointScan} keeps that from deploying anything), so that
 * the outcome is known here: the application never learns how a scanned endpoint's deployment
 * went, and readiness could say UP while every handshake failed.
 */
@ApplicationScoped
public class SignalingDeployment implements ReadinessProbe {
    static final String PATH = SignalingEndpoint.class.getAnnotation(ServerEndpoint.class).value();
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
            container.addEndpoint(SignalingEndpoint.class);
            deployed = true;
            LOG.info("signaling endpoint deployed at " + PATH);
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(Level.SEVERE, "signaling endpoint " + PATH + " not deployed: " + e.getMessage()
                    + "; not ready, no client can connect", e);
        }
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
