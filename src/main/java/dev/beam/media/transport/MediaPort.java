package dev.beam.media.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;

/**
 * The one UDP port that carries every peer's media. ice4j's single-port harvester tells peers
 * apart by the ICE username of their first check, which is why every peer must use BUNDLE and
 * rtcp-mux (one stream, one component). Listening on a wildcard address binds the port on each
 * local address, since a candidate must name a concrete one.
 */
public final class MediaPort implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaPort.class.getName());

    static {
        // Must hold before ice4j reads its configuration, i.e. before the first harvester or Agent.
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        AbstractUdpListener.USE_PUSH_API = true;
    }

    private final List<SinglePortUdpHarvester> harvesters;
    private final List<InetSocketAddress> announced;
    private volatile boolean open = true;

    private MediaPort(List<SinglePortUdpHarvester> harvesters, List<InetSocketAddress> announced) {
        this.harvesters = List.copyOf(harvesters);
        this.announced = List.copyOf(announced);
    }

    /**
     * Binds {@code port} on {@code listenIp} (every local address when it is a wildcard) and
     * announces {@code announcedIp} if given, else the bound addresses. {@code sendSockets}
     * sockets share the port for sending, so that that many threads send at once instead of
     * waiting on one socket's lock.
     */
    public static MediaPort bind(String listenIp, String announcedIp, int port, int sendSockets) throws IOException {
        // ice4j reads this once, when the first harvester is made.
        System.setProperty("ice4j.harvest.udp.socket-pool-size", Integer.toString(sendSockets));
        List<InetAddress> addresses = localAddresses(InetAddress.getByName(listenIp));
        List<SinglePortUdpHarvester> harvesters = new ArrayList<>();
        try {
            for (InetAddress address : addresses) {
                harvesters.add(new SinglePortUdpHarvester(new TransportAddress(address, port, Transport.UDP)));
            }
        } catch (IOException e) {
            harvesters.forEach(SinglePortUdpHarvester::close);
            throw new IOException("cannot bind UDP port " + port + " on " + listenIp + ": " + e.getMessage(), e);
        }
        List<InetSocketAddress> announced = new ArrayList<>();
        if (announcedIp != null) {
            announced.add(new InetSocketAddress(InetAddress.getByName(announcedIp), port));
        } else {
            addresses.forEach(address -> announced.add(new InetSocketAddress(address, port)));
        }
        LOG.info(() -> "media UDP port " + port + " bound on " + addresses + ", announced as " + announced);
        return new MediaPort(harvesters, announced);
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

    List<SinglePortUdpHarvester> harvesters() {
        return harvesters;
    }

    /** The addresses to put in SDP answers as host candidates, preferred first. */
    public List<InetSocketAddress> candidates() {
        return announced;
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        harvesters.forEach(SinglePortUdpHarvester::close);
    }
}
