package dev.beam.testpeer;

import dev.beam.media.transport.ForwardingDatagramTransport;
import java.io.IOException;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Sends the client's first flight (the ClientHello and its retransmissions) and then nothing:
 * the server's answer never reaches BouncyCastle, so the client computes nothing more either.
 */
final class FirstFlightOnly extends ForwardingDatagramTransport {
    private volatile boolean answered;

    FirstFlightOnly(DatagramTransport inner) {
        super(inner);
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (inner.receive(buf, off, len, waitMillis) > 0) {
            answered = true;
        }
        return -1;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (!answered) {
            inner.send(buf, off, len);
        }
    }
}
