package dev.beam.media.transport;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Logger;
import org.ice4j.ResponseCollector;
import org.ice4j.StunResponseEvent;
import org.ice4j.StunTimeoutEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.stack.TransactionID;
import org.ice4j.util.Buffer;

/**
 * One peer's ICE (RFC 8445) as the controlled, full agent on the shared {@link MediaPort}. The
 * browser's checks teach ice4j its peer-reflexive address, so the server needs no remote
 * candidates, but takes trickled ones. Also sends the consent checks of RFC 7675 through
 * ice4j's STUN stack, which pairs their answers with them.
 */
final class IceTransport {
    private static final Logger LOG = Logger.getLogger(IceTransport.class.getName());

    /** Where ICE reports to; called on ice4j's threads. */
    interface Handler {
        /** A datagram that is not STUN, from {@code from}; the bytes are valid only during the call. */
        void onPacket(byte[] buf, int off, int len, InetSocketAddress from);

        void onConnected();

        void onFailed(String reason);

        /**
         * A STUN request from {@code from} that passed its integrity check: ice4j dispatches
         * requests only after validating them, and {@link MediaPort} makes it require
         * MESSAGE-INTEGRITY. ice4j answers it.
         */
        void onPeerCheck(InetSocketAddress from);
    }

    /** What became of one consent check; called on ice4j's threads. */
    interface ConsentAnswer {
        void answered();

        void unanswered();
    }

    /** Checks retransmit every this many ms, RFC 7675 §5.1's RTO, not doubled. */
    static final int CONSENT_RTO_MILLIS = 500;

    private final String peerId;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final Handler handler;
    private final IceAdmission admission;
    /** The last route handed out, kept while the pair stays the same (two threads racing only make two). */
    private Route route;

    IceTransport(String peerId, MediaPort port, Handler handler) throws IOException {
        this.peerId = peerId;
        this.handler = handler;
        this.admission = port.admission();
        agent = new Agent();
        agent.setControlling(false);
        agent.setUseDynamicPorts(false);
        for (AdmittingUdpHarvester harvester : port.harvesters()) {
            agent.addCandidateHarvester(harvester);
        }
        if (port.tcpHarvester() != null) {
            agent.addCandidateHarvester(port.tcpHarvester());
        }
        stream = agent.createMediaStream("bundle");
        // No merging component socket: media comes through the push API, so its reader thread
        // and queues per peer would only cost memory.
        component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        component.setBufferCallback(this::receive);
        agent.addStateChangeListener(this::stateChanged);
        agent.getStunStack().addRequestListener(event -> handler.onPeerCheck(event.getRemoteAddress()));
        admission.register(agent.getLocalUfrag(), agent.getLocalPassword());
    }

    String localUfrag() {
        return agent.getLocalUfrag();
    }

    String localPassword() {
        return agent.getLocalPassword();
    }

    void start(String remoteUfrag, String remotePassword) {
        stream.setRemoteUfrag(remoteUfrag);
        stream.setRemotePassword(remotePassword);
        agent.startConnectivityEstablishment();
    }

    /**
     * Adds a trickled candidate line (RFC 8839 §5.1), read without any name lookup (see
     * {@link CandidateLine}); an mDNS or TCP one is ignored.
     */
    void addRemoteCandidate(String line) throws CandidateLine.RefusedException {
        CandidateLine candidate = CandidateLine.parse(line).orElse(null);
        if (candidate == null) {
            LOG.fine(() -> "[peer " + peerId + "] ignored an mDNS or TCP candidate");
            return;
        }
        TransportAddress transport = new TransportAddress(candidate.address(), candidate.port(), Transport.UDP);
        component.addUpdateRemoteCandidates(new RemoteCandidate(transport, component,
                CandidateType.parse(candidate.type()), candidate.foundation(), candidate.priority(), null));
        component.updateRemoteCandidates();
    }

    /**
     * Sends one consent check (RFC 7675 §5.1: a Binding request as in ICE, with the credentials
     * of the session and a new transaction id) on the selected pair, retransmitted every
     * {@value #CONSENT_RTO_MILLIS} ms up to {@code retransmissions} times. False when there is no
     * selected pair or it could not be sent.
     */
    boolean sendConsentCheck(int retransmissions, ConsentAnswer answer) {
        CandidatePair pair = component.getSelectedPair();
        String username = agent.generateLocalUserName(stream.getName());
        if (pair == null || username == null) {
            return false;
        }
        LocalCandidate local = pair.getLocalCandidate();
        LocalCandidate base = local.getBase() != null ? local.getBase() : local;
        Request request = MessageFactory.createBindingRequest();
        request.putAttribute(AttributeFactory.createPriorityAttribute(
                local.computePriorityForType(CandidateType.PEER_REFLEXIVE_CANDIDATE)));
        request.putAttribute(AttributeFactory.createIceControlledAttribute(agent.getTieBreaker()));
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        MessageIntegrityAttribute integrity = AttributeFactory.createMessageIntegrityAttribute(username);
        integrity.setMedia(stream.getName()); // keyed with the peer's ice-pwd, as ice4j's own checks are
        request.putAttribute(integrity);
        try {
            agent.getStunStack().sendRequest(request, pair.getRemoteCandidate().getTransportAddress(),
                    base.getTransportAddress(), new ResponseCollector() {
                        @Override
                        public void processResponse(StunResponseEvent event) {
                            if (event.getResponse().getMessageType() == Response.BINDING_SUCCESS_RESPONSE) {
                                answer.answered();
                            }
                        }

                        @Override
                        public void processTimeout(StunTimeoutEvent event) {
                            answer.unanswered();
                        }
                    }, TransactionID.createNewTransactionID(), CONSENT_RTO_MILLIS, CONSENT_RTO_MILLIS,
                    retransmissions);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "[peer " + peerId + "] consent check not sent: " + e.getMessage());
            return false;
        }
    }

    /**
     * Where media goes: the selected pair's remote address and local base address, and its TCP
     * connection when the pair is TCP; null before a pair is selected.
     */
    Route route() {
        CandidatePair pair = component.getSelectedPair();
        if (pair == null) {
            return null;
        }
        LocalCandidate candidate = pair.getLocalCandidate();
        LocalCandidate base = candidate.getBase() != null ? candidate.getBase() : candidate;
        RemoteCandidate remoteCandidate = pair.getRemoteCandidate();
        InetSocketAddress remote = remoteCandidate.getTransportAddress();
        InetAddress local = base.getTransportAddress().getAddress();
        TcpLink link = base instanceof TcpCandidates.PeerCandidate tcp ? tcp.link(remote) : null;
        Route current = route;
        if (current == null || !current.remote().equals(remote) || !current.local().equals(local)
                || current.link() != link) {
            PeerTransport kind = remoteCandidate.getType() == CandidateType.RELAYED_CANDIDATE ? PeerTransport.RELAY
                    : link != null ? PeerTransport.TCP : PeerTransport.UDP;
            route = current = new Route(remote, local, link == null ? UdpBatch.destination(remote) : null, link, kind);
        }
        return current;
    }

    /**
     * The selected pair's ends, as a batched sender needs them; {@code link} is the pair's TCP
     * connection, null over UDP.
     */
    record Route(InetSocketAddress remote, InetAddress local, byte[] destination, TcpLink link,
            PeerTransport transport) {
        /** Whether a datagram from {@code from} came from this route's remote end. */
        boolean isFrom(InetSocketAddress from) {
            return from != null && from.getPort() == remote.getPort() && remote.getAddress().equals(from.getAddress());
        }
    }

    void send(byte[] buf, int off, int len) throws IOException {
        component.send(buf, off, len);
    }

    void close() {
        admission.unregister(agent.getLocalUfrag());
        agent.free();
    }

    private void receive(Buffer buffer) {
        // ice4j's push API sets the sender on every buffer it hands over.
        InetSocketAddress from = buffer.getRemoteAddress() instanceof InetSocketAddress address ? address : null;
        handler.onPacket(buffer.getBuffer(), buffer.getOffset(), buffer.getLength(), from);
    }

    private void stateChanged(PropertyChangeEvent event) {
        if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
            return;
        }
        IceProcessingState state = (IceProcessingState) event.getNewValue();
        LOG.fine(() -> "[peer " + peerId + "] ICE " + state);
        if (state == IceProcessingState.COMPLETED) {
            handler.onConnected();
        } else if (state == IceProcessingState.FAILED) {
            handler.onFailed("ICE failed");
        }
    }
}
