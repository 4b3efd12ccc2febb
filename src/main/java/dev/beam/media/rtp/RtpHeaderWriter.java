package dev.beam.media.rtp;

/** Builds the per-viewer copy of a forwarded RTP packet in one pass. */
public final class RtpHeaderWriter {
    private RtpHeaderWriter() {
    }

    /**
     * Writes into {@code dst} the source packet with a new payload type and SSRC and its header
     * extension replaced by {@code elements} in RFC 8285 form (no extension and X=0 when
     * {@code elements} is null or empty). Marker, sequence number, timestamp and CSRCs are kept; the
     * payload and padding (RFC 3550 §5.1) are copied unchanged. Sequence number and timestamp can be
     * rewritten afterwards with the {@link RtpPacket} setters. The block is in the one-byte form when
     * every element fits it, else in the two-byte form (§4.3), see {@link ExtensionElements}.
     *
     * <p>{@code dst} may be {@code src} only at the same offset (in-place rewrite, needing room for a
     * larger header); other overlaps are refused.
     *
     * @return the new packet length, or -1 when the source is not valid RTP or {@code dst} is too
     *     small
     */
    public static int rewrite(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff,
            int payloadType, long ssrc, ExtensionElements elements) {
        if (!RtpPacket.isValid(src, srcOff, srcLen) || dst == null || dstOff < 0) {
            return -1;
        }
        int fixed = RtpPacket.FIXED_HEADER + 4 * RtpPacket.csrcCount(src, srcOff);
        int srcHeader = RtpPacket.headerLength(src, srcOff, srcLen);
        int tail = srcLen - srcHeader; // payload + padding
        int ext = elements == null ? 0 : elements.blockLength();
        int outLen = fixed + ext + tail;
        if (outLen > dst.length - dstOff) {
            return -1;
        }
        if (src == dst && srcOff != dstOff && dstOff < srcOff + srcLen && srcOff < dstOff + outLen) {
            return -1;
        }
        // Tail first: in place with a bigger header it moves right over bytes not yet read;
        // System.arraycopy copes with the overlap.
        System.arraycopy(src, srcOff + srcHeader, dst, dstOff + fixed + ext, tail);
        if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, fixed);
        }
        dst[dstOff] = (byte) (ext == 0 ? dst[dstOff] & ~0x10 : dst[dstOff] | 0x10); // X bit
        RtpPacket.setPayloadType(dst, dstOff, payloadType);
        RtpPacket.setSsrc(dst, dstOff, ssrc);
        if (ext > 0) {
            writeBlock(dst, dstOff + fixed, ext, elements);
        }
        return outLen;
    }

    /**
     * RFC 3550 §5.3.1 extension header with 0xBEDE (RFC 8285 §4.2) or 0x1000 (§4.3, appbits 0), then the
     * elements, each behind its one-byte (ID, L = length - 1) or two-byte (ID, length) header, then zero
     * padding (§4.1).
     */
    private static void writeBlock(byte[] dst, int p, int blockLength, ExtensionElements el) {
        boolean twoByte = el.needsTwoByteForm();
        int end = p + blockLength;
        Bytes.put16(dst, p, twoByte ? RtpPacket.PROFILE_TWO_BYTE : RtpPacket.PROFILE_ONE_BYTE);
        Bytes.put16(dst, p + 2, (blockLength - 4) / 4);
        p += 4;
        byte[] data = el.data();
        for (int i = 0; i < el.size(); i++) {
            int n = el.length(i);
            if (twoByte) {
                dst[p++] = (byte) el.id(i);
                dst[p++] = (byte) n;
            } else {
                dst[p++] = (byte) (el.id(i) << 4 | (n - 1));
            }
            System.arraycopy(data, el.offset(i), dst, p, n);
            p += n;
        }
        while (p < end) {
            dst[p++] = 0;
        }
    }
}
