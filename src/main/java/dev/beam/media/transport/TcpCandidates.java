package dev.beam.media.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateTcpType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;

/**
 * The harvester of the media TCP port: each peer gets a passive host candidate (RFC 6544 §4.1) on
 * each bound address, and a connection becomes that candidate's once its first frame is a
 * Binding request that {@link IceAdmission} lets in, as a new UDP address does. The connection's
 * STUN then goes to ice4j's STUN stack, everything else to the component's buffer callback,
 * where UDP media goes too.
 */
final class TcpCandidates implements CandidateHarvester {
    /** What a connection admitted to a peer's candidate delivers to. */
    record Attachment(Component component, TcpStunSocket stun, PeerCandidate candidate) {
    }

    private final List<TransportAddress> addresses;
    private final IceAdmission admission;
    /** Each peer's candidates on the port, by its local ICE username fragment. */
    private final Map<String, List<PeerCandidate>> candidates = new ConcurrentHashMap<>();
    private final HarvestStatistics statistics = new HarvestStatistics();

    TcpCandidates(List<InetSocketAddress> bound, IceAdmission admission) {
        this.addresses = bound.stream().map(a -> new TransportAddress(a.getAddress(), a.getPort(), Transport.TCP))
                .toList();
        this.admission = admission;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        String ufrag = component.getParentStream().getParentAgent().getLocalUfrag();
        List<PeerCandidate> mine = new ArrayList<>();
        for (TransportAddress address : addresses) {
            PeerCandidate candidate = new PeerCandidate(address, component, ufrag);
            candidate.setTcpType(CandidateTcpType.PASSIVE);
            component.addLocalCandidate(candidate);
            mine.add(candidate);
        }
        candidates.put(ufrag, mine);
        return List.copyOf(mine);
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }

    /**
     * Gives {@code link} to the peer its first frame names, when that frame is a Binding request
     * that authenticates (RFC 8445 §7.2.2) and the peer may take another address; null otherwise.
     * The frame is then the first STUN message ice4j reads from it. On the selector thread.
     */
    Attachment admit(TcpLink link, byte[] buf, int off, int len) {
        String ufrag = StunCredentials.localUfrag(buf, off, len);
        if (!admission.admit(buf, off, len, ufrag)) {
            return null;
        }
        for (PeerCandidate candidate : candidates.getOrDefault(ufrag, List.of())) {
            if (candidate.getTransportAddress().getAddress().equals(link.local().getAddress())) {
                Attachment attachment = candidate.add(link);
                if (attachment != null) {
                    attachment.stun().offer(buf, off, len);
                }
                return attachment;
            }
        }
        return null;
    }

    /** A peer's passive TCP candidate on one address, holding the connections admitted to it. */
    final class PeerCandidate extends HostCandidate {
        private final String ufrag;
        /** Guarded by this. */
        private final Map<SocketAddress, TcpStunSocket> sockets = new HashMap<>();
        /** Guarded by this. */
        private final Map<SocketAddress, TcpLink> links = new HashMap<>();
        /** Guarded by this. */
        private boolean freed;

        PeerCandidate(TransportAddress address, Component component, String ufrag) {
            super(address, component);
            this.ufrag = ufrag;
        }

        /** Null when the peer is gone or its ICE is over: a new connection is then not taken. */
        synchronized Attachment add(TcpLink link) {
            if (freed || getParentComponent().getParentStream().getParentAgent().getState().isOver()) {
                return null;
            }
            TcpStunSocket socket = new TcpStunSocket(link);
            getStunStack().addSocket(socket, new TransportAddress(link.remote(), Transport.TCP));
            sockets.put(link.remote(), socket);
            links.put(link.remote(), link);
            Attachment attachment = new Attachment(getParentComponent(), socket, this);
            link.attach(attachment);
            return attachment;
        }

        /** The connection from {@code remote}, where media to that address goes; null if none. */
        synchronized TcpLink link(SocketAddress remote) {
            return links.get(remote);
        }

        /** The connection closed: ice4j forgets it. */
        void remove(TcpLink link) {
            TcpStunSocket socket;
            synchronized (this) {
                if (links.get(link.remote()) != link) {
                    return;
                }
                links.remove(link.remote());
                socket = sockets.remove(link.remote());
            }
            getStunStack().removeSocket(getTransportAddress(), new TransportAddress(link.remote(), Transport.TCP));
            socket.close();
        }

        @Override
        protected synchronized IceSocketWrapper getCandidateIceSocketWrapper(SocketAddress remote) {
            return sockets.get(remote);
        }

        @Override
        protected void free() {
            List<TcpLink> closing;
            synchronized (this) {
                if (freed) {
                    return;
                }
                freed = true;
                closing = new ArrayList<>(links.values());
            }
            candidates.remove(ufrag);
            closing.forEach(link -> {
                remove(link);
                link.closeQuietly();
            });
            super.free();
        }
    }
}
