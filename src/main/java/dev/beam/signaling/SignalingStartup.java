package dev.beam.signaling;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/**
 * Hands the servlet context's WebSocket container to {@link SignalingDeployment} as the application
 * starts: {@link ServerContainer} takes new endpoints from a servlet context listener while the WAR
 * deploys, and refuses them once it accepts connections.
 */
@WebListener
public class SignalingStartup implements ServletContextListener {

    @Inject
    SignalingDeployment deployment;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        deployment.deploy((ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName()));
    }
}
