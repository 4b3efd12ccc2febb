package dev.beam.media.transport;

import java.io.IOException;
import org.bouncycastle.tls.DatagramTransport;

/** A BouncyCastle datagram transport that hands every call to another; subclasses change some. */
public abstract class ForwardingDatagramTransport implements DatagramTransport {
    protected final DatagramTransport inner;

    protected ForwardingDatagramTransport(DatagramTransport inner) {
        this.inner = inner;
    }

    @Override
    public int getReceiveLimit() throws IOException {
        return inner.getReceiveLimit();
    }

    @Override
    public int getSendLimit() throws IOException {
        return inner.getSendLimit();
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        return inner.receive(buf, off, len, waitMillis);
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        inner.send(buf, off, len);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
