package dev.beam.media.transport;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * One direction of a peer's SRTP: its master key's factory, the contexts derived from it per SSRC
 * (RFC 3711 §3.2.3) and reusable buffer views. Every transform holds this direction's lock, and
 * only for the transform, so the two directions never wait on each other. Callers check bounds.
 */
final class SrtpDirection {
    private final SrtpContextFactory factory;
    private final SsrcTable rtp;
    private final SsrcTable rtcp;
    private final ByteArrayBufferView rtpView = new ByteArrayBufferView();
    private final ByteArrayBufferView rtcpView = new ByteArrayBufferView();

    /** @param maxSsrcs contexts kept per table; a new SSRC past it is refused when unprotecting */
    SrtpDirection(SrtpContextFactory factory, int maxSsrcs) {
        this.factory = factory;
        this.rtp = new SsrcTable(maxSsrcs);
        this.rtcp = new SsrcTable(maxSsrcs);
    }

    synchronized int protectRtp(int ssrc, byte[] buf, int off, int len) {
        try {
            SrtpCryptoContext ctx = (SrtpCryptoContext) rtp.get(ssrc);
            if (ctx == null) {
                ctx = factory.deriveContext(ssrc, 0);
                rtp.put(ssrc, ctx);
            }
            SrtpErrorStatus st = ctx.transformPacket(rtpView.reset(buf, off, len));
            return st == SrtpErrorStatus.OK ? rtpView.getLength() : -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP protect failed", e);
        } finally {
            rtpView.clear();
        }
    }

    synchronized int protectRtcp(int ssrc, byte[] buf, int off, int len) {
        try {
            SrtcpCryptoContext ctx = (SrtcpCryptoContext) rtcp.get(ssrc);
            if (ctx == null) {
                ctx = factory.deriveControlContext(ssrc);
                rtcp.put(ssrc, ctx);
            }
            SrtpErrorStatus st = ctx.transformPacket(rtcpView.reset(buf, off, len));
            return st == SrtpErrorStatus.OK ? rtcpView.getLength() : -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTCP protect failed", e);
        } finally {
            rtcpView.clear();
        }
    }

    synchronized int unprotectRtp(int ssrc, byte[] buf, int off, int len) {
        try {
            SrtpCryptoContext ctx = (SrtpCryptoContext) rtp.get(ssrc);
            boolean fresh = ctx == null;
            if (fresh) {
                if (rtp.full()) {
                    return -1;
                }
                ctx = factory.deriveContext(ssrc, 0);
            }
            SrtpErrorStatus st = ctx.reverseTransformPacket(rtpView.reset(buf, off, len), false);
            if (st != SrtpErrorStatus.OK) {
                return -1;
            }
            if (fresh) {
                // Cached only after authenticating, so forged SSRCs cannot fill the table.
                rtp.put(ssrc, ctx);
            }
            return rtpView.getLength();
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1; // malformed header fields (e.g. extension length past the end)
        } finally {
            rtpView.clear();
        }
    }

    synchronized int unprotectRtcp(int ssrc, byte[] buf, int off, int len) {
        try {
            SrtcpCryptoContext ctx = (SrtcpCryptoContext) rtcp.get(ssrc);
            boolean fresh = ctx == null;
            if (fresh) {
                if (rtcp.full()) {
                    return -1;
                }
                ctx = factory.deriveControlContext(ssrc);
            }
            SrtpErrorStatus st = ctx.reverseTransformPacket(rtcpView.reset(buf, off, len));
            if (st != SrtpErrorStatus.OK) {
                return -1;
            }
            if (fresh) {
                rtcp.put(ssrc, ctx);
            }
            return rtcpView.getLength();
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        } finally {
            rtcpView.clear();
        }
    }

    /** Wipes the master key. */
    void close() {
        factory.close();
    }
}
