package dev.beam.testpeer;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle DatagramTransport over an ICE component: the demultiplexer offers DTLS records
 * (RFC 7983: first byte 20..63) into a queue, sends go through the given sender (component.send).
 */
final class QueueDatagramTransport implements DatagramTransport {

    interface Sender {
        void send(byte[] buf, int off, int len) throws IOException;
    }

    /** IPv4 path MTU on loopback/Ethernet minus IP and UDP headers; BC fragments handshakes to this. */
    private static final int MTU = 1472;
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(64);
    private final Sender sender;
    private volatile boolean closed;

    QueueDatagramTransport(Sender sender) {
        this.sender = sender;
    }

    /** Called by the receive path with a copy of a DTLS datagram; drops when full (DTLS retransmits). */
    void offer(byte[] datagram) {
        if (!closed) {
            incoming.offer(datagram);
        }
    }

    @Override
    public int getReceiveLimit() {
        return MTU;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        try {
            byte[] d = incoming.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (d == null) {
                return -1; // timeout: BC retransmits its flight
            }
            if (d == CLOSED) {
                throw new IOException("transport closed");
            }
            int n = Math.min(len, d.length);
            System.arraycopy(d, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        sender.send(buf, off, len);
    }

    @Override
    public void close() {
        closed = true;
        incoming.clear();
        incoming.offer(CLOSED); // wakes a blocked receive()
    }
}
