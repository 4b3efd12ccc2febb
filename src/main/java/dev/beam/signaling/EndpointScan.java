package dev.beam.signaling;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/**
 * What the WebSocket container deploys of the endpoints its scan of the WAR found: none.
 * {@link SignalingDeployment} deploys {@link SignalingEndpoint} itself, which tells it whether
 * the container took it; deployed by the scan too, it would be refused as a duplicate path.
 */
public class EndpointScan implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
