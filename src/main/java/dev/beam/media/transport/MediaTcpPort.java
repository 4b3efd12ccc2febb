package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ice4j.util.Buffer;

/**
 * The media port on TCP, for browsers that cannot reach it over UDP: passive ICE-TCP candidates
 * (RFC 6544) with RFC 4571 framing. One selector thread accepts, reads and writes what the
 * sockets would not take at once, for every connection; nothing blocks it. Each connection must
 * send, within the handshake timeout, a Binding request that authenticates for a live session
 * ({@link TcpCandidates}); then its STUN goes to ice4j and the rest to the session's component,
 * into the same packet path UDP feeds ({@link WebRtcTransport}). Bounded: connections per source
 * address and in all, one frame of buffer per connection, a send queue per connection
 * ({@link TcpLink}).
 */
public final class MediaTcpPort implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaTcpPort.class.getName());
    /** The longest frame taken: what fits in a datagram on the UDP port, as ice4j reads it there. */
    static final int MAX_FRAME = 1500;
    /** Connections accepted per wakeup, so that a flood of them leaves the readers their turn. */
    private static final int ACCEPTS_PER_ROUND = 64;

    private final Selector selector;
    private final List<ServerSocketChannel> servers;
    private final TcpCandidates candidates;
    private final TcpPortSettings settings;
    private final MediaStats stats;
    private final LongSupplier nanoTime;
    private final Rfc4571Frames frames = new Rfc4571Frames(MAX_FRAME);
    /** The selector thread's own: */
    private final Set<TcpLink> links = new HashSet<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Thread thread;
    /** Written by the selector thread only. */
    private volatile int connections;
    private volatile boolean open = true;

    private MediaTcpPort(Selector selector, List<ServerSocketChannel> servers, TcpCandidates candidates,
            TcpPortSettings settings, MediaStats stats, LongSupplier nanoTime) {
        this.selector = selector;
        this.servers = servers;
        this.candidates = candidates;
        this.settings = settings;
        this.stats = stats;
        this.nanoTime = nanoTime;
        this.thread = new Thread(this::run, "beam-media-tcp");
        thread.setDaemon(true);
    }

    /** Listens on the settings' port of each address and starts the selector thread. */
    static MediaTcpPort bind(List<InetAddress> addresses, IceAdmission admission, TcpPortSettings settings,
            MediaStats stats) throws IOException {
        int port = settings.port();
        Selector selector = Selector.open();
        List<ServerSocketChannel> servers = new ArrayList<>();
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (InetAddress address : addresses) {
                ServerSocketChannel server = ServerSocketChannel.open();
                servers.add(server);
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(new InetSocketAddress(address, port), 128);
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT);
                bound.add(new InetSocketAddress(address, port));
            }
        } catch (IOException e) {
            for (ServerSocketChannel server : servers) {
                server.close();
            }
            selector.close();
            throw e;
        }
        MediaTcpPort tcp = new MediaTcpPort(selector, servers, new TcpCandidates(bound, admission), settings, stats,
                System::nanoTime);
        tcp.thread.start();
        return tcp;
    }

    TcpCandidates candidates() {
        return candidates;
    }

    /** TCP connections open now, admitted to a session or not yet. */
    public int connections() {
        return connections;
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long sweepNanos = Math.max(10_000_000L, settings.handshakeTimeout().toNanos() / 4);
        long nextSweep = nanoTime.getAsLong() + sweepNanos;
        while (open) {
            try {
                selector.select(Math.max(1, sweepNanos / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                long now = nanoTime.getAsLong();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + sweepNanos;
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "media TCP port: " + e.getMessage(), e);
            }
        }
        new ArrayList<>(links).forEach(this::forget);
        for (ServerSocketChannel server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            if (key.attachment() instanceof TcpLink link) {
                forget(link);
            }
            return;
        }
        if (key.isAcceptable()) {
            accept((ServerSocketChannel) key.channel());
            return;
        }
        TcpLink link = (TcpLink) key.attachment();
        if (key.isWritable()) {
            link.flush();
        }
        if (key.isValid() && key.isReadable()) {
            read(link);
        }
        if (link.isClosed()) {
            forget(link);
        }
    }

    private void accept(ServerSocketChannel server) {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                LOG.fine(() -> "TCP accept failed: " + e.getMessage());
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                int fromThere = perAddress.getOrDefault(remote.getAddress(), 0);
                if (links.size() >= settings.total() || fromThere >= settings.perAddress()) {
                    stats.refused(MediaStats.Limit.TCP_CONNECTIONS);
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                TcpLink link = new TcpLink(channel, key, remote, (InetSocketAddress) channel.getLocalAddress(),
                        frames.newBuffer(), nanoTime.getAsLong(), stats.tcpQueueDrops);
                key.attach(link);
                links.add(link);
                perAddress.merge(remote.getAddress(), 1, Integer::sum);
                connections = links.size();
            } catch (IOException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void read(TcpLink link) {
        int read;
        try {
            read = link.read();
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            link.closeQuietly();
            return;
        }
        if (!frames.drain(link.in, (buf, off, len) -> deliver(link, buf, off, len))) {
            stats.tcpRejected.increment();
            LOG.fine(() -> "TCP connection from " + link.remote() + " closed: a frame over " + MAX_FRAME + " bytes");
            link.closeQuietly();
        }
    }

    /** One frame: the first must admit the connection; then STUN to ice4j, the rest to the session. */
    private void deliver(TcpLink link, byte[] buf, int off, int len) {
        if (link.isClosed()) {
            return;
        }
        TcpCandidates.Attachment attachment = link.attachment();
        if (attachment == null) {
            if (candidates.admit(link, buf, off, len) == null) {
                stats.tcpRejected.increment();
                link.closeQuietly();
            }
            return;
        }
        if (PacketClassifier.classify(buf, off, len) == PacketKind.STUN) {
            attachment.stun().offer(buf, off, len);
            return;
        }
        Buffer packet = new Buffer(buf, off, len);
        packet.setRemoteAddress(link.remote());
        attachment.component().handleBuffer(packet);
    }

    /** Closes connections that sent no valid check in time, and forgets those closed elsewhere. */
    private void sweep(long now) {
        long timeout = settings.handshakeTimeout().toNanos();
        for (TcpLink link : new ArrayList<>(links)) {
            if (!link.isClosed() && link.attachment() == null && now - link.acceptedNanos >= timeout) {
                stats.tcpRejected.increment();
                link.closeQuietly();
            }
            if (link.isClosed()) {
                forget(link);
            }
        }
    }

    private void forget(TcpLink link) {
        if (!links.remove(link)) {
            return;
        }
        link.closeQuietly();
        connections = links.size();
        perAddress.computeIfPresent(link.remote().getAddress(), (address, count) -> count > 1 ? count - 1 : null);
        TcpCandidates.Attachment attachment = link.attachment();
        if (attachment != null) {
            attachment.candidate().remove(link);
        }
    }
}
