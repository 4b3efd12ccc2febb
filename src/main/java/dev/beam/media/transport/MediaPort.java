package dev.beam.media.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import org.ice4j.StackProperties;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.AbstractUdpListener;

/**
 * The one UDP port that carries every peer's media. Its harvester ({@link
 * AdmittingUdpHarvester}) tells peers apart by the ICE username of their first check, which is
 * why every peer must use BUNDLE and rtcp-mux (one stream, one component). Listening on a wildcard address binds the port on each
 * local address, since a candidate must name a concrete one. Its TCP twin ({@link MediaTcpPort},
 * ICE over TCP) listens on the same addresses and tells peers apart the same way.
 */
public final class MediaPort implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaPort.class.getName());
    private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

    static {
        // Must hold before ice4j reads its configuration, i.e. before the first harvester or Agent.
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        // ice4j checks MESSAGE-INTEGRITY only where a request carries one: a request without it
        // would otherwise pass as a valid check (and count as consent).
        System.setProperty(StackProperties.REQUIRE_MESSAGE_INTEGRITY, "true");
        AbstractUdpListener.USE_PUSH_API = true;
    }

    private final List<AdmittingUdpHarvester> harvesters;
    private final UdpSenders senders;
    private final IceAdmission admission;
    private final List<InetSocketAddress> announced;
    /** Null when ICE over TCP is off. */
    private final MediaTcpPort tcp;
    private final List<InetSocketAddress> announcedTcp;
    private volatile boolean open = true;

    private MediaPort(List<AdmittingUdpHarvester> harvesters, UdpSenders senders, IceAdmission admission,
            List<InetSocketAddress> announced, MediaTcpPort tcp, List<InetSocketAddress> announcedTcp) {
        this.harvesters = List.copyOf(harvesters);
        this.senders = senders;
        this.admission = admission;
        this.announced = List.copyOf(announced);
        this.tcp = tcp;
        this.announcedTcp = List.copyOf(announcedTcp);
    }

    /**
     * Binds {@code port} on {@code listenIp} (every local address when it is a wildcard) and
     * announces {@code announcedIp} if given, else the bound addresses. {@code lanes} media
     * worker threads get batched senders of their own on the port ({@link UdpSenders}). A new
     * remote address reaches ice4j only as {@code admission} allows. The receiving socket gets
     * {@code receiveBufferBytes} of buffer: one thread reads every peer's datagrams, and what
     * arrives while it is held up (a burst of new peers, a busy machine) waits there or is lost.
     * Unless {@code tcp} is off, the same addresses listen on its TCP port for ICE-TCP ({@link MediaTcpPort}).
     */
    public static MediaPort bind(String listenIp, String announcedIp, int port, int lanes, int receiveBufferBytes,
            IceAdmission admission, TcpPortSettings tcpSettings) throws IOException {
        // Two sockets, so that ice4j binds them with SO_REUSEADDR next to the batched senders;
        // ice4j only sends STUN on them. ice4j reads these once, when the first harvester is made.
        System.setProperty("ice4j.harvest.udp.socket-pool-size", "2");
        System.setProperty("ice4j.harvest.udp.receive-buffer-size", Integer.toString(receiveBufferBytes));
        warnIfCapped(receiveBufferBytes);
        List<InetAddress> addresses = localAddresses(InetAddress.getByName(listenIp));
        List<AdmittingUdpHarvester> harvesters = new ArrayList<>();
        UdpSenders senders = UdpSenders.none();
        try {
            // Before ice4j's sockets: the socket bound last on the port receives.
            senders = UdpSenders.bind(addresses, port, lanes);
            for (InetAddress address : addresses) {
                harvesters.add(new AdmittingUdpHarvester(new TransportAddress(address, port, Transport.UDP), admission));
            }
        } catch (IOException e) {
            senders.close();
            harvesters.forEach(AdmittingUdpHarvester::close);
            throw new IOException("cannot bind UDP port " + port + " on " + listenIp + ": " + e.getMessage(), e);
        }
        MediaTcpPort tcp = null;
        if (tcpSettings.enabled()) {
            try {
                tcp = MediaTcpPort.bind(addresses, admission, tcpSettings, admission.stats());
            } catch (IOException e) {
                senders.close();
                harvesters.forEach(AdmittingUdpHarvester::close);
                throw new IOException("cannot bind TCP port " + tcpSettings.port() + " on " + listenIp + ": "
                        + e.getMessage(), e);
            }
        }
        List<InetSocketAddress> announced = announce(announcedIp, addresses, port);
        List<InetSocketAddress> announcedTcp = tcp == null ? List.of()
                : announce(announcedIp, addresses, tcpSettings.port());
        int batched = senders.lanes();
        LOG.info(() -> "media UDP port " + port + " bound on " + addresses + ", announced as " + announced + "; "
                + (batched > 0 ? batched + " batched senders (sendmmsg)" : "sendmmsg not available: one send per packet")
                + (announcedTcp.isEmpty() ? "; ICE over TCP off (MEDIA_TCP_PORT=0)"
                        : "; ICE over TCP on port " + tcpSettings.port()));
        return new MediaPort(harvesters, senders, admission, announced, tcp, announcedTcp);
    }

    private static List<InetSocketAddress> announce(String announcedIp, List<InetAddress> addresses, int port)
            throws IOException {
        List<InetSocketAddress> announced = new ArrayList<>();
        if (announcedIp != null) {
            announced.add(new InetSocketAddress(InetAddress.getByName(announcedIp), port));
        } else {
            addresses.forEach(address -> announced.add(new InetSocketAddress(address, port)));
        }
        return announced;
    }

    /** Linux gives a socket at most net.core.rmem_max of receive buffer, whatever it asks. */
    private static void warnIfCapped(int receiveBufferBytes) {
        try {
            // By line: on JDK 25, Files.readString of a sysctl file returned its first byte only.
            long max = Long.parseLong(Files.readAllLines(RMEM_MAX).get(0).strip());
            if (max < receiveBufferBytes) {
                LOG.warning(() -> "the media port asks for " + receiveBufferBytes + " bytes of receive buffer"
                        + " (MEDIA_RECEIVE_BUFFER_BYTES) but the kernel gives at most " + max
                        + " (net.core.rmem_max): raise it, or bursts are lost when the receive thread is held up");
            }
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            // not Linux, or no /proc: the system's own limit applies, unknown here
        }
    }

    private static List<InetAddress> localAddresses(InetAddress listen) throws SocketException {
        if (!listen.isAnyLocalAddress()) {
            return List.of(listen);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                boolean usable = address instanceof Inet4Address
                        || (address instanceof Inet6Address && !address.isLinkLocalAddress());
                if (usable) {
                    addresses.add(address);
                }
            }
        }
        // IPv4 first: it is what browsers most often reach.
        addresses.sort((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address));
        return addresses;
    }

    List<AdmittingUdpHarvester> harvesters() {
        return harvesters;
    }

    IceAdmission admission() {
        return admission;
    }

    /** The TCP port's harvester, null when ICE over TCP is off. */
    TcpCandidates tcpHarvester() {
        return tcp == null ? null : tcp.candidates();
    }

    /** The addresses to put in SDP answers as host candidates, preferred first. */
    public List<InetSocketAddress> candidates() {
        return announced;
    }

    /** The addresses to put in SDP answers as passive TCP host candidates (RFC 6544); none when off. */
    public List<InetSocketAddress> tcpCandidates() {
        return announcedTcp;
    }

    /** TCP connections open now. */
    public int tcpConnections() {
        return tcp == null ? 0 : tcp.connections();
    }

    /** The batched senders; media workers run their tasks through {@link UdpSenders#runBatched}. */
    public UdpSenders senders() {
        return senders;
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        harvesters.forEach(AdmittingUdpHarvester::close);
        senders.close();
        if (tcp != null) {
            tcp.close();
        }
    }
}
