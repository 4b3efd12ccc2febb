package dev.beam.media.rtp;

/**
 * RTP retransmission payload format, RFC 4588 §4, SSRC-multiplexed as WebRTC uses it (its own
 * SSRC and payload type, tied to the original by {@code a=ssrc-group:FID} and {@code apt=}):
 *
 * <pre>
 * |                         RTP Header                            |
 * |            OSN                |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                  Original RTP Packet Payload                  |
 * </pre>
 *
 * The header is the original's (marker, timestamp, CSRCs and header extension kept) with the RTX
 * payload type, SSRC and the RTX stream's own sequence number; OSN is the original sequence
 * number. The original's padding is dropped, and none is added (§4: padding of an RTX packet is
 * its own, per RFC 3550 §5.1). Both directions may work in place ({@code dst == src} at the same
 * offset); other overlaps are refused.
 */
public final class Rtx {
    /** Bytes RFC 4588 adds to a packet: the OSN. */
    public static final int OVERHEAD = 2;

    private Rtx() {
    }

    /**
     * Writes the RTX packet for the original in {@code src}; returns its length, or -1 when the
     * original is not valid RTP or {@code dst} lacks room. The original's header must already be the
     * one the receiver expects (per-viewer rewrite first, then this).
     */
    public static int writeRtx(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff,
            int rtxPayloadType, long rtxSsrc, int rtxSeq) {
        if (!RtpPacket.isValid(src, srcOff, srcLen) || dst == null || dstOff < 0) {
            return -1;
        }
        int header = RtpPacket.headerLength(src, srcOff, srcLen);
        int payload = RtpPacket.payloadLength(src, srcOff, srcLen);
        int outLen = header + OVERHEAD + payload;
        if (outLen > dst.length - dstOff || overlaps(src, srcOff, srcLen, dst, dstOff, outLen)) {
            return -1;
        }
        int osn = RtpPacket.sequenceNumber(src, srcOff);
        // Payload first: in place it moves right over bytes not yet read (arraycopy copes).
        System.arraycopy(src, srcOff + header, dst, dstOff + header + OVERHEAD, payload);
        if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, header);
        }
        dst[dstOff + header] = (byte) (osn >>> 8);
        dst[dstOff + header + 1] = (byte) osn;
        dst[dstOff] &= ~0x20; // P: the original's padding is not carried over
        RtpPacket.setPayloadType(dst, dstOff, rtxPayloadType);
        RtpPacket.setSsrc(dst, dstOff, rtxSsrc);
        RtpPacket.setSequenceNumber(dst, dstOff, rtxSeq);
        return outLen;
    }

    /**
     * Rebuilds the original packet from an RTX packet (for broadcasters that send RTX): header with
     * the original payload type and SSRC and the OSN as sequence number, then the payload after the
     * OSN; the RTX packet's own padding is dropped. Returns its length, or -1 when the RTX packet is
     * not valid RTP, has no OSN (a padding-only packet, e.g. a bandwidth probe) or {@code dst} lacks
     * room.
     */
    public static int unwrapRtx(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff,
            int originalPayloadType, long originalSsrc) {
        if (!RtpPacket.isValid(src, srcOff, srcLen) || dst == null || dstOff < 0) {
            return -1;
        }
        int header = RtpPacket.headerLength(src, srcOff, srcLen);
        int payload = RtpPacket.payloadLength(src, srcOff, srcLen) - OVERHEAD;
        if (payload < 0) {
            return -1;
        }
        int outLen = header + payload;
        if (outLen > dst.length - dstOff || overlaps(src, srcOff, srcLen, dst, dstOff, outLen)) {
            return -1;
        }
        int osn = originalSequenceNumber(src, srcOff, srcLen);
        System.arraycopy(src, srcOff + header + OVERHEAD, dst, dstOff + header, payload);
        if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, header);
        }
        dst[dstOff] &= ~0x20;
        RtpPacket.setPayloadType(dst, dstOff, originalPayloadType);
        RtpPacket.setSsrc(dst, dstOff, originalSsrc);
        RtpPacket.setSequenceNumber(dst, dstOff, osn);
        return outLen;
    }

    /** The OSN of a valid RTX packet with at least 2 payload bytes. */
    public static int originalSequenceNumber(byte[] buf, int off, int len) {
        int p = RtpPacket.payloadOffset(buf, off, len);
        return (buf[p] & 0xFF) << 8 | buf[p + 1] & 0xFF;
    }

    /** Same buffer is fine only at the same offset (in place); any other overlap would corrupt. */
    private static boolean overlaps(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff,
            int outLen) {
        return src == dst && srcOff != dstOff && dstOff < srcOff + srcLen && srcOff < dstOff + outLen;
    }
}
