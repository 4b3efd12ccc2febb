package dev.beam.testpeer;

import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/** ice4j set-up shared by the test peer and its fixture. */
final class IceSupport {

    static {
        // Must happen before the first Agent: ice4j reads its config once, and by default every Agent
        // probes the AWS metadata address (500 ms timeout) and any configured STUN mapping servers.
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        System.setProperty("ice4j.harvest.mapping.aws.force", "false");
        System.setProperty("ice4j.harvest.use-ipv6", "false");
    }

    private IceSupport() {
    }

    /** A new agent with config applied; the caller adds streams and candidates. */
    static Agent newAgent(boolean controlling) {
        Agent agent = new Agent();
        agent.setControlling(controlling);
        // No dynamic-port host harvesting: it skips loopback, and tests must not use other interfaces.
        agent.setUseDynamicPorts(false);
        return agent;
    }

    /**
     * Adds a UDP host candidate on 127.0.0.1 by hand, registered the way ice4j's host harvester does it:
     * as a local candidate, with its STUN socket on the agent's stack, and merged into the component socket.
     */
    static HostCandidate addLoopbackHostCandidate(Agent agent, Component component) throws IOException {
        MultiplexingDatagramSocket socket = new MultiplexingDatagramSocket(0, InetAddress.getLoopbackAddress());
        IceUdpSocketWrapper wrapper = new IceUdpSocketWrapper(socket);
        HostCandidate candidate = new HostCandidate(wrapper, component, Transport.UDP);
        component.addLocalCandidate(candidate);
        agent.getStunStack().addSocket(candidate.getStunSocket(null));
        component.getComponentSocket().add(wrapper);
        return candidate;
    }

    static void addRemoteCandidate(Component component, Sdp.Candidate c) {
        if (!"udp".equals(c.transport()) || c.component() != 1) {
            return; // rtcp-mux + BUNDLE: one UDP component
        }
        CandidateType type = switch (c.type()) {
            case "srflx" -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case "prflx" -> CandidateType.PEER_REFLEXIVE_CANDIDATE;
            case "relay" -> CandidateType.RELAYED_CANDIDATE;
            default -> CandidateType.HOST_CANDIDATE;
        };
        component.addRemoteCandidate(new RemoteCandidate(new TransportAddress(c.ip(), c.port(), Transport.UDP),
                component, type, c.foundation(), c.priority(), null));
    }

    /** Completes with the agent reaching COMPLETED, exceptionally on FAILED. */
    static CompletableFuture<Void> completion(Agent agent) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        PropertyChangeListener l = evt -> {
            if (Agent.PROPERTY_ICE_PROCESSING_STATE.equals(evt.getPropertyName())) {
                IceProcessingState s = (IceProcessingState) evt.getNewValue();
                if (s == IceProcessingState.COMPLETED) {
                    done.complete(null);
                } else if (s == IceProcessingState.FAILED) {
                    done.completeExceptionally(new IOException("ICE failed"));
                }
            }
        };
        agent.addStateChangeListener(l);
        return done;
    }
}
