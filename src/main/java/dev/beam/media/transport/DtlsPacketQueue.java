package dev.beam.media.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of the ICE connection during a handshake: records the demux hands over
 * are queued for the blocking handshake thread; records it sends go straight out through ICE.
 * Public for the Java test peer, which runs the client end of the same handshake.
 */
public final class DtlsPacketQueue implements DatagramTransport {
    /** The largest DTLS record we send: leaves room for IP, UDP and a TURN header in a 1280-byte path. */
    private static final int SEND_LIMIT = 1150;
    private static final int RECEIVE_LIMIT = 1500;
    private static final byte[] CLOSED = new byte[0];

    public interface Sender {
        void send(byte[] buf, int off, int len) throws IOException;
    }

    private final BlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(64);
    private final Sender sender;
    private volatile boolean closed;

    public DtlsPacketQueue(Sender sender) {
        this.sender = sender;
    }

    /** Queues a copy of a record; drops it when the handshake falls behind, as a network would. */
    public void offer(byte[] buf, int off, int len) {
        if (!closed && len <= RECEIVE_LIMIT) {
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            incoming.offer(copy);
        }
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        byte[] record;
        try {
            record = incoming.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("handshake interrupted");
        }
        if (record == null) {
            return -1;
        }
        if (record == CLOSED) {
            throw new IOException("transport closed");
        }
        int length = Math.min(len, record.length);
        System.arraycopy(record, 0, buf, off, length);
        return length;
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
        if (!closed) {
            closed = true;
            incoming.clear();
            incoming.offer(CLOSED);
        }
    }
}
