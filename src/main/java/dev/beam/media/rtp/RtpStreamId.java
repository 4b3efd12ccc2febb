package dev.beam.media.rtp;

import java.nio.charset.StandardCharsets;

/**
 * The RtpStreamId header extension (RFC 8852 §3.1), which names the simulcast layer (the rid of
 * RFC 8851) a packet belongs to: its element data is the rid itself, in ASCII. Publishers send
 * it on the first packets of each SSRC, until they know the receiver has learnt the SSRC.
 */
public final class RtpStreamId {
    /** RFC 8851 §10 allows longer rids; SDP negotiation accepts none longer than this. */
    public static final int MAX_LENGTH = 16;

    private RtpStreamId() {
    }

    /** The rid in the element with this id, or null when absent, empty, too long or not a token. */
    public static String read(byte[] buf, int off, int len, int id) {
        int data = RtpPacket.findExtension(buf, off, len, id);
        if (data < 0) {
            return null;
        }
        int length = RtpPacket.extensionLength(buf, off, len, data);
        if (length < 1 || length > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            byte b = buf[data + i];
            boolean token = b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '-' || b == '_';
            if (!token) {
                return null;
            }
        }
        return new String(buf, data, length, StandardCharsets.US_ASCII);
    }
}
