package dev.beam.testpeer;

import dev.beam.media.transport.SrtpKeyingMaterial;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.media.transport.SrtpTransformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A connection's SRTP and SRTCP (RFC 3711) once DTLS has given the keys: incoming packets are
 * decrypted in place and handed to the sink, outgoing ones encrypted and sent. Packets that
 * arrive before the keys (the server sends media right after its last DTLS flight, before our
 * handshake returns) are kept, a few, and delivered when the keys come.
 */
final class SecureMedia {
    private static final int MAX_EARLY = 64;

    /** Sends one protected datagram to the selected pair. */
    interface Output {
        void send(byte[] buf, int off, int len);
    }

    private final PeerConnection.MediaSink sink;
    private final Output output;
    private final Object rxLock = new Object();
    private final List<byte[]> early = new ArrayList<>(); // guarded by rxLock
    private final Object txLock = new Object();
    private final byte[] txBuffer = new byte[1500 + SrtpTransformer.MAX_OVERHEAD]; // guarded by txLock
    private volatile PeerConnection.InboundLoss inboundLoss;
    private volatile SrtpTransformer srtp;
    private boolean closed; // guarded by rxLock

    SecureMedia(PeerConnection.MediaSink sink, Output output) {
        this.sink = sink;
        this.output = output;
    }

    void inboundLoss(PeerConnection.InboundLoss loss) {
        inboundLoss = loss;
    }

    /** Installs the keys and delivers what arrived early; false when closed meanwhile. */
    boolean keyed(SrtpKeyingMaterial keys) {
        synchronized (rxLock) {
            if (closed) {
                return false;
            }
            srtp = SrtpTransformer.forClient(keys);
            for (byte[] p : early) {
                deliver(p, 0, p.length);
            }
            early.clear();
            return true;
        }
    }

    boolean isKeyed() {
        return srtp != null;
    }

    /** An SRTP or SRTCP packet (RFC 7983: first byte 128..191); {@code buf} is the caller's scratch. */
    void onPacket(byte[] buf, int off, int len) {
        synchronized (rxLock) {
            if (closed) {
                return;
            }
            if (srtp == null) {
                if (early.size() < MAX_EARLY) {
                    early.add(Arrays.copyOfRange(buf, off, off + len));
                }
            } else {
                deliver(buf, off, len);
            }
        }
    }

    void sendRtp(byte[] plain, int off, int len) {
        send(plain, off, len, false);
    }

    void sendRtcp(byte[] plain, int off, int len) {
        send(plain, off, len, true);
    }

    SrtpProfile profile() {
        return requireSrtp().profile();
    }

    /** Wipes the keys; taking both locks waits out a decryption or encryption under way. */
    void close() {
        synchronized (rxLock) {
            closed = true;
            synchronized (txLock) {
                SrtpTransformer tx = srtp;
                if (tx != null) {
                    tx.close();
                }
            }
        }
    }

    /**
     * Unprotects in place and hands to the sink, under rxLock: one unprotect at a time, and the
     * sink sees one packet at a time. RTCP is the second byte 192..223 (RFC 5761 §4).
     */
    private void deliver(byte[] buf, int off, int len) {
        boolean rtcp = len >= 2 && (buf[off + 1] & 0xFF) >= 192 && (buf[off + 1] & 0xFF) <= 223;
        PeerConnection.InboundLoss loss = inboundLoss;
        if (!rtcp && loss != null && loss.loses(buf, off, len)) {
            return;
        }
        int n = rtcp ? srtp.unprotectRtcp(buf, off, len) : srtp.unprotectRtp(buf, off, len);
        if (n < 0) {
            return;
        }
        if (rtcp) {
            sink.onRtcp(buf, off, n);
        } else {
            sink.onRtp(buf, off, n);
        }
    }

    private void send(byte[] plain, int off, int len, boolean rtcp) {
        if (len > txBuffer.length - SrtpTransformer.MAX_OVERHEAD) {
            throw new IllegalArgumentException("packet of " + len + " bytes");
        }
        synchronized (txLock) {
            SrtpTransformer tx = requireSrtp();
            System.arraycopy(plain, off, txBuffer, 0, len);
            int n = rtcp ? tx.protectRtcp(txBuffer, 0, len) : tx.protectRtp(txBuffer, 0, len);
            if (n < 0) {
                throw new IllegalStateException("SRTP refused the packet (sequence number reused?)");
            }
            output.send(txBuffer, 0, n);
        }
    }

    private SrtpTransformer requireSrtp() {
        SrtpTransformer tx = srtp;
        if (tx == null) {
            throw new IllegalStateException("not connected");
        }
        return tx;
    }
}
