package dev.beam.media.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;
import org.ice4j.socket.IceSocketWrapper;

/**
 * What ice4j's STUN stack reads a TCP connection's STUN messages from and sends its answers,
 * checks and consent checks through, as it does a UDP address's socket. Its reader (a thread of
 * ice4j's, as for each UDP address) waits here; the port's selector thread puts the STUN frames
 * in. DTLS and media never come here: they go to the component's buffer callback.
 */
final class TcpStunSocket extends IceSocketWrapper {
    /** STUN frames waiting; more only when ice4j's reader is stalled, and the oldest goes first. */
    private static final int MAX_WAITING = 16;

    private final TcpLink link;
    /** Guarded by itself. */
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private boolean closed;

    TcpStunSocket(TcpLink link) {
        this.link = link;
    }

    /** A STUN frame from the connection, copied; on the selector thread. */
    void offer(byte[] buf, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        synchronized (waiting) {
            if (waiting.size() == MAX_WAITING) {
                waiting.poll();
            }
            waiting.add(copy);
            waiting.notifyAll();
        }
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        byte[] message;
        synchronized (waiting) {
            while (waiting.isEmpty() && !closed) {
                try {
                    waiting.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SocketException("interrupted");
                }
            }
            if (closed) {
                throw new SocketException("TCP connection closed");
            }
            message = waiting.poll();
        }
        int len = Math.min(message.length, p.getData().length);
        System.arraycopy(message, 0, p.getData(), 0, len);
        p.setLength(len);
        p.setSocketAddress(link.remote());
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        if (!link.send(p.getData(), p.getOffset(), p.getLength())) {
            throw new IOException("TCP connection to " + link.remote() + " closed or its queue full");
        }
    }

    @Override
    public void close() {
        synchronized (waiting) {
            closed = true;
            waiting.clear();
            waiting.notifyAll();
        }
    }

    @Override
    public InetAddress getLocalAddress() {
        return link.local().getAddress();
    }

    @Override
    public int getLocalPort() {
        return link.local().getPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return link.local();
    }

    /** None: ice4j would read the socket itself; it reads this wrapper instead. */
    @Override
    public Socket getTCPSocket() {
        return null;
    }

    @Override
    public DatagramSocket getUDPSocket() {
        return null;
    }
}
