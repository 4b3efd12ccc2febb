package dev.beam.testpeer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds and reads synthetic RTP (RFC 3550 §5.1) and RTCP packets for tests and load generation. */
public final class RtpPackets {

    private RtpPackets() {
    }

    /** A plain RTP packet: V=2, no padding, no extension, no CSRC. */
    public static byte[] rtp(int payloadType, int seq, long timestamp, long ssrc, boolean marker, byte[] payload) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType);
        }
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        writeInt(p, 4, timestamp);
        writeInt(p, 8, ssrc);
        System.arraycopy(payload, 0, p, 12, payload.length);
        return p;
    }

    /**
     * An RTP packet naming its simulcast layer in a one-byte-header extension element (RFC 8285
     * §4.2, RFC 8852 §3.1 rtp-stream-id with the given id).
     */
    public static byte[] rtpWithRid(int payloadType, int seq, long timestamp, long ssrc, boolean marker, int ridId,
            String rid, byte[] payload) {
        byte[] name = rid.getBytes(StandardCharsets.US_ASCII);
        int words = (1 + name.length + 3) / 4;
        int header = 12 + 4 + 4 * words;
        byte[] p = new byte[header + payload.length];
        writeHeader(p, 0, payloadType, seq, timestamp, ssrc, marker);
        p[0] |= 0x10;
        p[12] = (byte) 0xBE;
        p[13] = (byte) 0xDE;
        p[15] = (byte) words;
        p[16] = (byte) (ridId << 4 | (name.length - 1));
        System.arraycopy(name, 0, p, 17, name.length);
        System.arraycopy(payload, 0, p, header, payload.length);
        return p;
    }

    /** Writes the 12-byte fixed header (RFC 3550 §5.1): V=2, no padding, extension or CSRC. */
    public static void writeHeader(byte[] p, int off, int payloadType, int seq, long timestamp, long ssrc,
                                   boolean marker) {
        p[off] = (byte) 0x80;
        p[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        p[off + 2] = (byte) (seq >> 8);
        p[off + 3] = (byte) seq;
        writeInt(p, off + 4, timestamp);
        writeInt(p, off + 8, ssrc);
    }

    /**
     * Where the payload starts (RFC 3550 §5.1, §5.3.1: after CSRCs and any header extension), or -1
     * when the header runs past {@code len}.
     */
    public static int payloadOffset(byte[] p, int off, int len) {
        if (len < 12) {
            return -1;
        }
        int at = 12 + 4 * (p[off] & 0x0F);
        if ((p[off] & 0x10) != 0) {
            if (len < at + 4) {
                return -1;
            }
            at += 4 + 4 * ((p[off + at + 2] & 0xFF) << 8 | (p[off + at + 3] & 0xFF));
        }
        return at <= len ? off + at : -1;
    }

    /** Payload bytes after {@link #payloadOffset}, without padding (RFC 3550 §5.1 P bit); -1 if malformed. */
    public static int payloadLength(byte[] p, int off, int len) {
        int start = payloadOffset(p, off, len);
        if (start < 0) {
            return -1;
        }
        int padding = (p[off] & 0x20) != 0 ? p[off + len - 1] & 0xFF : 0;
        int n = off + len - start - padding;
        return n >= 0 ? n : -1;
    }

    /** An RTP packet with a deterministic payload of {@code payloadLength} bytes derived from seq. */
    public static byte[] rtp(int payloadType, int seq, long timestamp, long ssrc, boolean marker, int payloadLength) {
        byte[] payload = new byte[payloadLength];
        for (int i = 0; i < payloadLength; i++) {
            payload[i] = (byte) (seq * 31 + i);
        }
        return rtp(payloadType, seq, timestamp, ssrc, marker, payload);
    }

    /** Picture Loss Indication (RFC 4585 §6.3.1). */
    public static byte[] pli(long senderSsrc, long mediaSsrc) {
        byte[] p = new byte[12];
        p[0] = (byte) 0x81; // V=2, FMT=1
        p[1] = (byte) 206;  // PSFB
        p[3] = 2;           // length in 32-bit words minus one
        writeInt(p, 4, senderSsrc);
        writeInt(p, 8, mediaSsrc);
        return p;
    }

    /** An empty receiver report (RFC 3550 §6.4.2), the smallest valid compound RTCP packet. */
    public static byte[] emptyReceiverReport(long ssrc) {
        byte[] p = new byte[8];
        p[0] = (byte) 0x80;
        p[1] = (byte) 201;
        p[3] = 1;
        writeInt(p, 4, ssrc);
        return p;
    }

    /** RFC 7983 / RFC 5761 §4 demultiplexing on an rtcp-mux 5-tuple: RTP or RTCP first byte, then PT. */
    public static boolean isRtpOrRtcp(byte[] b, int off, int len) {
        return len >= 2 && (b[off] & 0xFF) >= 128 && (b[off] & 0xFF) <= 191;
    }

    /** RTCP packet types 192..223 collide with no dynamic/static RTP PT + marker combination in use. */
    public static boolean isRtcp(byte[] b, int off, int len) {
        int pt = b[off + 1] & 0xFF;
        return isRtpOrRtcp(b, off, len) && pt >= 192 && pt <= 223;
    }

    public static int payloadType(byte[] p) {
        return p[1] & 0x7F;
    }

    public static boolean marker(byte[] p) {
        return (p[1] & 0x80) != 0;
    }

    public static int sequenceNumber(byte[] p) {
        return (p[2] & 0xFF) << 8 | (p[3] & 0xFF);
    }

    public static long timestamp(byte[] p) {
        return readInt(p, 4);
    }

    public static long ssrc(byte[] p) {
        return readInt(p, 8);
    }

    /** Payload bytes after CSRCs and any header extension, without padding. */
    public static byte[] payload(byte[] p) {
        int off = 12 + 4 * (p[0] & 0x0F);
        if ((p[0] & 0x10) != 0) {
            off += 4 + 4 * ((p[off + 2] & 0xFF) << 8 | (p[off + 3] & 0xFF));
        }
        int end = p.length - ((p[0] & 0x20) != 0 ? p[p.length - 1] & 0xFF : 0);
        return Arrays.copyOfRange(p, off, end);
    }

    static long readInt(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static void writeInt(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
