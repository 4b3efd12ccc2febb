package dev.beam.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.util.Buffer;

/**
 * The harvester of the shared media port. ice4j's listener tells peers apart by the ICE username
 * of their first check (RFC 8445 §7.2.2); this gives each peer its host candidate on the port and,
 * for each remote address {@link IceAdmission} lets in, the one socket through which ice4j's STUN
 * stack reads and answers that address's checks.
 *
 * <p>Not ice4j's {@code SinglePortUdpHarvester}: that wraps each address's socket in a
 * multiplexing socket and a STUN-filtered child, two 10,000-slot receive queues (80 KB of heap per
 * peer) and two more descriptors, one of which its close never releases. With the push API
 * ({@link MediaPort}) only STUN ever reaches the per-address socket, media going to the
 * component's buffer callback, so there is nothing to demultiplex.
 *
 * <p>{@link #maybeAcceptNewSession} runs on ice4j's receive thread.
 */
final class AdmittingUdpHarvester extends AbstractUdpListener implements CandidateHarvester {
    private static final Logger LOG = Logger.getLogger(AdmittingUdpHarvester.class.getName());

    private final IceAdmission admission;
    /** Each peer's candidate on this port, by its local ICE username fragment. */
    private final Map<String, PeerCandidate> candidates = new ConcurrentHashMap<>();
    private final HarvestStatistics statistics = new HarvestStatistics();

    AdmittingUdpHarvester(TransportAddress localAddress, IceAdmission admission) throws IOException {
        super(localAddress);
        this.admission = admission;
    }

    /** One host candidate per peer: every peer has one stream of one component (BUNDLE, rtcp-mux). */
    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        String ufrag = component.getParentStream().getParentAgent().getLocalUfrag();
        PeerCandidate candidate = new PeerCandidate(component, ufrag);
        candidates.put(ufrag, candidate);
        component.addLocalCandidate(candidate);
        return List.of(candidate);
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }

    @Override
    protected MySocket maybeAcceptNewSession(Buffer buf, InetSocketAddress remote, String ufrag) {
        // Null only while ice4j's constructor runs, before any peer exists: nothing to accept.
        if (admission == null || !admission.admit(buf.getBuffer(), buf.getOffset(), buf.getLength(), ufrag)) {
            return null;
        }
        PeerCandidate candidate = candidates.get(ufrag);
        if (candidate == null) {
            return null;
        }
        MySocket socket;
        try {
            socket = addSocket(remote, ufrag, candidate.getParentComponent());
        } catch (SocketException e) {
            LOG.fine(() -> "no socket for " + remote + ": " + e.getMessage());
            return null;
        }
        if (!candidate.add(socket, remote)) {
            socket.close();
            return null;
        }
        return socket;
    }

    /** A peer's host candidate on the port, holding the socket of each remote address admitted. */
    private final class PeerCandidate extends HostCandidate {
        private final String ufrag;
        /** Guarded by this. */
        private final Map<SocketAddress, IceSocketWrapper> sockets = new HashMap<>();
        /** Guarded by this. */
        private boolean freed;

        PeerCandidate(Component component, String ufrag) {
            super(localAddress, component);
            this.ufrag = ufrag;
        }

        /** False when the peer is gone or its ICE is over: a new address is then not taken. */
        synchronized boolean add(MySocket socket, InetSocketAddress remote) {
            if (freed || getParentComponent().getParentStream().getParentAgent().getState().isOver()) {
                return false;
            }
            IceSocketWrapper wrapper = new IceUdpSocketWrapper(socket);
            getStunStack().addSocket(wrapper, new TransportAddress(remote, Transport.UDP));
            sockets.put(remote, wrapper);
            return true;
        }

        @Override
        protected synchronized IceSocketWrapper getCandidateIceSocketWrapper(SocketAddress remote) {
            return sockets.get(remote);
        }

        @Override
        protected void free() {
            Map<SocketAddress, IceSocketWrapper> closing;
            synchronized (this) {
                if (freed) {
                    return;
                }
                freed = true;
                closing = new HashMap<>(sockets);
                sockets.clear();
            }
            candidates.remove(ufrag, this);
            closing.forEach((remote, wrapper) -> {
                getStunStack().removeSocket(localAddress, new TransportAddress((InetSocketAddress) remote, Transport.UDP));
                wrapper.close();
            });
            super.free();
        }
    }
}
