package dev.beam.testpeer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peer's UDP channel and the server address ICE selected on it. Sending never throws: a datagram
 * that could not go is counted and dropped, as a network would lose it.
 */
public final class PeerSocket implements AutoCloseable {
    private final DatagramChannel channel;
    private final int localPort;
    private final AtomicLong failures = new AtomicLong();
    private volatile InetSocketAddress selected;

    /** Owns {@code channel} and closes it. */
    PeerSocket(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /**
     * A UDP channel on an ephemeral port of 127.0.0.1: peers only ever talk over loopback. Its
     * receive buffer is a browser's (1 MB; the kernel's default holds a hundred packets), since
     * a server that sends a shard's packets in one go delivers them in bursts.
     */
    public static DatagramChannel openLoopback(boolean blocking) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(blocking);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    DatagramChannel channel() {
        return channel;
    }

    int localPort() {
        return localPort;
    }

    /** The server's address ICE selected; null before. */
    InetSocketAddress selected() {
        return selected;
    }

    void select(InetSocketAddress remote) {
        selected = remote;
    }

    /** Sends to the selected address; before ICE selected one, the datagram is lost. */
    void send(byte[] buf, int off, int len) {
        InetSocketAddress to = selected;
        if (to != null) {
            send(ByteBuffer.wrap(buf, off, len), to);
        } else {
            failures.incrementAndGet();
        }
    }

    void sendTo(byte[] datagram, InetSocketAddress to) {
        send(ByteBuffer.wrap(datagram), to);
    }

    /** Datagrams that could not be sent (the socket buffer was full, or it was closed). */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private void send(ByteBuffer datagram, InetSocketAddress to) {
        try {
            if (channel.send(datagram, to) == 0) {
                failures.incrementAndGet(); // a non-blocking socket with a full buffer: a loss
            }
        } catch (IOException e) {
            failures.incrementAndGet();
        }
    }
}
