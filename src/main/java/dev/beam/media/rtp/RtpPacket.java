package dev.beam.media.rtp;

/**
 * Static accessors over an RTP packet in {@code buf[off .. off+len)}; nothing is allocated.
 *
 * <p>Fixed header, RFC 3550 §5.1:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Field accessors assume {@link #isValid} returned true (they do no bounds checks of their own);
 * {@link #isValid}, {@link #headerLength} and the extension methods never throw on malformed data.
 */
public final class RtpPacket {
    public static final int FIXED_HEADER = 12;
    /** RFC 8285 §4.2 one-byte form "defined by profile" value. */
    public static final int PROFILE_ONE_BYTE = 0xBEDE;
    /** RFC 8285 §4.3 two-byte form: 0x100 followed by 4 "appbits". */
    public static final int PROFILE_TWO_BYTE = 0x1000;

    /** Receives each RFC 8285 element; {@code buf} is the packet buffer itself, not a copy. */
    @FunctionalInterface
    public interface ExtensionVisitor {
        void extension(int id, byte[] buf, int dataOffset, int dataLength);
    }

    private RtpPacket() {
    }

    /**
     * True when the range holds a well-formed RTP packet: version 2 and the length covers the fixed
     * header, the CSRC list, the header extension (§5.3.1) and the padding announced by the last
     * octet (§5.1: the count includes itself, so it is at least 1).
     */
    public static boolean isValid(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < FIXED_HEADER || len > buf.length - off) {
            return false;
        }
        if (version(buf, off) != 2) {
            return false;
        }
        int header = headerLength(buf, off, len);
        if (header < 0) {
            return false;
        }
        if (padding(buf, off)) {
            int pad = buf[off + len - 1] & 0xFF;
            return pad >= 1 && header + pad <= len;
        }
        return true;
    }

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xC0) >>> 6;
    }

    public static boolean padding(byte[] buf, int off) {
        return (buf[off] & 0x20) != 0;
    }

    public static boolean hasExtension(byte[] buf, int off) {
        return (buf[off] & 0x10) != 0;
    }

    public static int csrcCount(byte[] buf, int off) {
        return buf[off] & 0x0F;
    }

    public static boolean marker(byte[] buf, int off) {
        return (buf[off + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] buf, int off) {
        return buf[off + 1] & 0x7F;
    }

    public static int sequenceNumber(byte[] buf, int off) {
        return Bytes.u16(buf, off + 2);
    }

    public static long timestamp(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    public static long ssrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 8);
    }

    public static long csrc(byte[] buf, int off, int index) {
        return Bytes.u32(buf, off + FIXED_HEADER + 4 * index);
    }

    /**
     * 12 + 4*CC, plus the whole header extension (its 4-byte header and data) when X is set; -1 when
     * that does not fit in {@code len}. Padding is not included.
     */
    public static int headerLength(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < FIXED_HEADER || len > buf.length - off) {
            return -1;
        }
        int n = FIXED_HEADER + 4 * csrcCount(buf, off);
        if (hasExtension(buf, off)) {
            if (n + 4 > len) {
                return -1;
            }
            // RFC 3550 §5.3.1: length counts 32-bit words after the 4-byte extension header.
            n += 4 + 4 * Bytes.u16(buf, off + n + 2);
        }
        return n <= len ? n : -1;
    }

    /** Absolute offset of the payload in {@code buf}; -1 when the header does not fit. */
    public static int payloadOffset(byte[] buf, int off, int len) {
        int h = headerLength(buf, off, len);
        return h < 0 ? -1 : off + h;
    }

    /** Payload bytes between the header and the padding; valid packets only. */
    public static int payloadLength(byte[] buf, int off, int len) {
        return len - headerLength(buf, off, len) - paddingLength(buf, off, len);
    }

    /** Padding octets at the end including the count octet itself (§5.1); 0 when P is clear. */
    public static int paddingLength(byte[] buf, int off, int len) {
        return padding(buf, off) ? buf[off + len - 1] & 0xFF : 0;
    }

    /** Changes the payload type, keeping the marker bit. */
    public static void setPayloadType(byte[] buf, int off, int payloadType) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (payloadType & 0x7F));
    }

    public static void setMarker(byte[] buf, int off, boolean marker) {
        buf[off + 1] = (byte) (marker ? buf[off + 1] | 0x80 : buf[off + 1] & 0x7F);
    }

    public static void setSequenceNumber(byte[] buf, int off, int seq) {
        Bytes.put16(buf, off + 2, seq);
    }

    public static void setTimestamp(byte[] buf, int off, long timestamp) {
        Bytes.put32(buf, off + 4, timestamp);
    }

    public static void setSsrc(byte[] buf, int off, long ssrc) {
        Bytes.put32(buf, off + 8, ssrc);
    }

    /** Writes a 12-byte header with V=2 and P, X, CC all zero (for senders and tests). */
    public static void writeFixedHeader(byte[] dst, int off, boolean marker, int payloadType,
            int seq, long timestamp, long ssrc) {
        dst[off] = (byte) 0x80;
        dst[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        setSequenceNumber(dst, off, seq);
        setTimestamp(dst, off, timestamp);
        setSsrc(dst, off, ssrc);
    }

    // ---- RFC 8285 header extensions ----

    /**
     * Calls {@code visitor} for each element of a one-byte (0xBEDE) or two-byte (0x100X) extension
     * block, in order, skipping padding. Returns false when the packet is invalid or an element is
     * malformed (elements before it have been visited); true when there is no extension or a
     * profile other than RFC 8285's, which carries no elements we understand.
     */
    public static boolean forEachExtension(byte[] buf, int off, int len, ExtensionVisitor visitor) {
        return scan(buf, off, len, -1, visitor) != SCAN_MALFORMED;
    }

    /**
     * Absolute offset of the data of the first element with {@code id}, or -1. Its length is
     * {@link #extensionLength(byte[], int, int, int)}.
     */
    public static int findExtension(byte[] buf, int off, int len, int id) {
        if (id < 1 || id > 255) {
            return -1;
        }
        int r = scan(buf, off, len, id, null);
        return r >= 0 ? r : -1;
    }

    /** Data length of the element whose data starts at {@code dataOffset} (from findExtension). */
    public static int extensionLength(byte[] buf, int off, int len, int dataOffset) {
        int profile = Bytes.u16(buf, off + FIXED_HEADER + 4 * csrcCount(buf, off));
        return profile == PROFILE_ONE_BYTE
                ? (buf[dataOffset - 1] & 0x0F) + 1   // §4.2: L is length - 1
                : buf[dataOffset - 1] & 0xFF;        // §4.3: length byte, 0 allowed
    }

    /**
     * Transport-wide sequence number (transport-cc draft §2: 2 bytes big-endian element data) from
     * the element with {@code id}; -1 when the packet is invalid, has no such element or its data
     * is not 2 bytes.
     */
    public static int transportSequenceNumber(byte[] buf, int off, int len, int id) {
        int data = findExtension(buf, off, len, id);
        if (data < 0 || extensionLength(buf, off, len, data) != 2) {
            return -1;
        }
        return Bytes.u16(buf, data);
    }

    private static final int SCAN_MALFORMED = -2;
    private static final int SCAN_NOT_FOUND = -1;

    /** Walks the elements; returns the data offset when {@code wanted} matches, else a SCAN_ code. */
    private static int scan(byte[] buf, int off, int len, int wanted, ExtensionVisitor visitor) {
        if (!isValid(buf, off, len)) {
            return SCAN_MALFORMED;
        }
        if (!hasExtension(buf, off)) {
            return SCAN_NOT_FOUND;
        }
        int ext = off + FIXED_HEADER + 4 * csrcCount(buf, off);
        int profile = Bytes.u16(buf, ext);
        boolean oneByte = profile == PROFILE_ONE_BYTE;
        if (!oneByte && (profile & 0xFFF0) != PROFILE_TWO_BYTE) {
            return SCAN_NOT_FOUND;
        }
        int end = ext + 4 + 4 * Bytes.u16(buf, ext + 2);
        int p = ext + 4;
        while (p < end) {
            int b = buf[p] & 0xFF;
            if (b == 0) { // padding byte, allowed between and after elements (§4.1)
                p++;
                continue;
            }
            int id;
            int dataLen;
            int data;
            if (oneByte) {
                id = b >>> 4;
                if (id == 15) { // §4.2: reserved, stop processing; earlier elements stand
                    return SCAN_NOT_FOUND;
                }
                if (id == 0) { // ID 0 with a non-zero length is neither padding nor an element
                    return SCAN_MALFORMED;
                }
                dataLen = (b & 0x0F) + 1;
                data = p + 1;
            } else {
                if (p + 2 > end) {
                    return SCAN_MALFORMED;
                }
                id = b;
                dataLen = buf[p + 1] & 0xFF;
                data = p + 2;
            }
            if (data + dataLen > end) {
                return SCAN_MALFORMED;
            }
            if (id == wanted) {
                return data;
            }
            if (visitor != null) {
                visitor.extension(id, buf, data, dataLen);
            }
            p = data + dataLen;
        }
        return SCAN_NOT_FOUND;
    }
}
