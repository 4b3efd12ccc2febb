package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.LogCapture;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignalingDeploymentTest {
    private LogCapture log;
    private List<LogRecord> logged;
    private final SignalingDeployment deployment = new SignalingDeployment();

    @BeforeEach
    void captureLog() {
        log = LogCapture.of(SignalingDeployment.class.getName()); // the refusals are expected: off the console
        logged = log.records();
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    @Test
    void anEndpointTheContainerRefusesLeavesSignalingNotReadyAndSaysWhy() {
        deployment.deploy(container(endpoint -> {
            throw new DeploymentException("duplicate path /ws");
        }));

        assertFalse(deployment.ready());
        assertEquals("signaling-endpoint", deployment.name());
        LogRecord line = severe();
        assertTrue(line.getMessage().contains("signaling endpoint /ws not deployed: duplicate path /ws"), line.getMessage());
        assertTrue(line.getMessage().contains("not ready"), line.getMessage());
    }

    @Test
    void aContainerThatFailsOtherwiseLeavesItNotReadyToo() {
        deployment.deploy(container(endpoint -> {
            throw new IllegalStateException("endpoints can no longer be added");
        }));

        assertFalse(deployment.ready());
        assertTrue(severe().getMessage().contains("endpoints can no longer be added"));
    }

    @Test
    void noWebSocketContainerLeavesItNotReady() {
        deployment.deploy(null);

        assertFalse(deployment.ready());
        assertTrue(severe().getMessage().contains("no WebSocket container"), severe().getMessage());
    }

    @Test
    void notReadyBeforeTheApplicationDeploysIt() {
        assertFalse(deployment.ready());
    }

    @Test
    void theEndpointDeployedIsSignalingAtWsWithTheHandshakeTickets() {
        List<Class<?>> added = new ArrayList<>();
        deployment.deploy(container(added::add));

        assertTrue(deployment.ready());
        assertEquals(List.of(SignalingEndpoint.class), added);
        ServerEndpoint annotation = SignalingEndpoint.class.getAnnotation(ServerEndpoint.class);
        assertEquals("/ws", annotation.value());
        assertEquals(HandshakeTickets.class, annotation.configurator());
        assertTrue(logged.stream().noneMatch(r -> r.getLevel() == Level.SEVERE));
    }

    @Test
    void theContainersScanDeploysNothingOfItsOwn() {
        EndpointScan scan = new EndpointScan();

        assertTrue(scan.getAnnotatedEndpointClasses(Set.of(SignalingEndpoint.class)).isEmpty());
        assertTrue(scan.getEndpointConfigs(Set.of()).isEmpty());
    }

    private LogRecord severe() {
        return logged.stream().filter(r -> r.getLevel() == Level.SEVERE).findFirst()
                .orElseThrow(() -> new AssertionError("no SEVERE line: " + logged));
    }

    /** What the container does with an endpoint it is given. */
    private interface Adding {
        void add(Class<?> endpoint) throws DeploymentException;
    }

    /** A container that only takes endpoints; anything else is not this test's business. */
    private static ServerContainer container(Adding adding) {
        return (ServerContainer) Proxy.newProxyInstance(ServerContainer.class.getClassLoader(),
                new Class<?>[] {ServerContainer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addEndpoint") && args[0] instanceof Class<?> endpoint) {
                        adding.add(endpoint);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
