package dev.beam.testpeer.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed STUN message (RFC 8489 §5, §14): the header and its attributes as type/value spans
 * over a private copy of the bytes. {@link #parse} never throws: malformed input gives null.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class StunMessage {
    private static final int MAX_ATTRIBUTES = 32;

    private final byte[] bytes;
    private final int type;
    private final int count;
    private final int[] types;
    private final int[] offsets; // of each attribute's value
    private final int[] lengths;
    private final int integrityAt; // offset of the MESSAGE-INTEGRITY header, or -1
    private final int fingerprintAt; // offset of the FINGERPRINT header, or -1

    private StunMessage(byte[] bytes, int count, int[] types, int[] offsets, int[] lengths, int integrityAt,
                        int fingerprintAt) {
        this.bytes = bytes;
        this.type = (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
        this.count = count;
        this.types = types;
        this.offsets = offsets;
        this.lengths = lengths;
        this.integrityAt = integrityAt;
        this.fingerprintAt = fingerprintAt;
    }

    /**
     * Parses one message filling the datagram exactly, or returns null: top two bits not zero,
     * wrong magic cookie, length not a multiple of 4 or not the datagram's, an attribute running
     * past the end, or FINGERPRINT not last (RFC 8489 §14.7). Attributes after MESSAGE-INTEGRITY
     * other than FINGERPRINT are ignored, as §14.5 requires.
     */
    public static StunMessage parse(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < Stun.HEADER || len > buf.length - off) {
            return null;
        }
        int length = u16(buf, off + 2);
        if ((buf[off] & 0xC0) != 0 || (length & 3) != 0 || Stun.HEADER + length != len
                || u32(buf, off + 4) != Stun.MAGIC_COOKIE) {
            return null;
        }
        byte[] bytes = Arrays.copyOfRange(buf, off, off + len);
        int[] types = new int[MAX_ATTRIBUTES];
        int[] offsets = new int[MAX_ATTRIBUTES];
        int[] lengths = new int[MAX_ATTRIBUTES];
        int count = 0;
        int integrityAt = -1;
        int fingerprintAt = -1;
        int at = Stun.HEADER;
        while (at < len) {
            if (fingerprintAt >= 0 || len - at < 4) {
                return null; // something after FINGERPRINT, or a truncated attribute header
            }
            int attrType = u16(bytes, at);
            int attrLength = u16(bytes, at + 2);
            int padded = (attrLength + 3) & ~3;
            if (padded > len - at - 4) {
                return null;
            }
            if (attrType == Stun.FINGERPRINT) {
                if (attrLength != 4) {
                    return null;
                }
                fingerprintAt = at;
            } else if (integrityAt >= 0) {
                at += 4 + padded; // after MESSAGE-INTEGRITY: ignored (RFC 8489 §14.5)
                continue;
            } else if (attrType == Stun.MESSAGE_INTEGRITY) {
                if (attrLength != Stun.INTEGRITY_LENGTH) {
                    return null;
                }
                integrityAt = at;
            }
            if (count == MAX_ATTRIBUTES) {
                return null;
            }
            types[count] = attrType;
            offsets[count] = at + 4;
            lengths[count++] = attrLength;
            at += 4 + padded;
        }
        return new StunMessage(bytes, count, types, offsets, lengths, integrityAt, fingerprintAt);
    }

    /** Method and class together, e.g. {@link Stun#BINDING_REQUEST}. */
    public int type() {
        return type;
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(bytes, 8, Stun.HEADER);
    }

    /** Whether this message carries the given transaction id. */
    public boolean hasTransactionId(byte[] id) {
        return id.length == 12 && Arrays.equals(bytes, 8, Stun.HEADER, id, 0, 12);
    }

    /** A copy of the first attribute of this type's value (without padding), or null. */
    public byte[] attribute(int attrType) {
        int i = indexOf(attrType);
        return i < 0 ? null : Arrays.copyOfRange(bytes, offsets[i], offsets[i] + lengths[i]);
    }

    public boolean has(int attrType) {
        return indexOf(attrType) >= 0;
    }

    /** USERNAME (RFC 8489 §14.3), UTF-8; for ICE "receiver-ufrag:sender-ufrag" (RFC 8445 §7.2.2). */
    public String username() {
        byte[] v = attribute(Stun.USERNAME);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** PRIORITY (RFC 8445 §7.1.1), or -1. */
    public long priority() {
        int i = indexOf(Stun.PRIORITY);
        return i < 0 || lengths[i] != 4 ? -1 : u32(bytes, offsets[i]) & 0xFFFFFFFFL;
    }

    /** The tie-breaker of ICE-CONTROLLING (RFC 8445 §7.1.3), or null without one. */
    public Long iceControlling() {
        return tieBreaker(Stun.ICE_CONTROLLING);
    }

    /** The tie-breaker of ICE-CONTROLLED (RFC 8445 §7.1.3), or null without one. */
    public Long iceControlled() {
        return tieBreaker(Stun.ICE_CONTROLLED);
    }

    /** USE-CANDIDATE (RFC 8445 §7.1.2): a flag with no value. */
    public boolean useCandidate() {
        return has(Stun.USE_CANDIDATE);
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2), IPv4 or IPv6, or null when absent or malformed. */
    public InetSocketAddress xorMappedAddress() {
        int i = indexOf(Stun.XOR_MAPPED_ADDRESS);
        return i < 0 ? null : XorAddress.decode(bytes, offsets[i], lengths[i], transactionId());
    }

    /** ERROR-CODE (RFC 8489 §14.8), or null when absent or malformed. */
    public StunError errorCode() {
        int i = indexOf(Stun.ERROR_CODE);
        return i < 0 ? null : StunError.decode(bytes, offsets[i], lengths[i]);
    }

    /** True when MESSAGE-INTEGRITY is present and its HMAC-SHA1 under {@code key} matches. */
    public boolean hasValidIntegrity(byte[] key) {
        return integrityAt >= 0
                && StunIntegrity.sameMac(StunIntegrity.hmac(bytes, integrityAt, key), bytes, integrityAt + 4);
    }

    /** True when FINGERPRINT is present (it is then last) and its CRC matches. */
    public boolean hasValidFingerprint() {
        return fingerprintAt >= 0 && StunIntegrity.fingerprint(bytes, fingerprintAt) == u32(bytes, fingerprintAt + 4);
    }

    public boolean hasFingerprint() {
        return fingerprintAt >= 0;
    }

    /** A copy of the message as received. */
    public byte[] bytes() {
        return bytes.clone();
    }

    private Long tieBreaker(int attrType) {
        int i = indexOf(attrType);
        if (i < 0 || lengths[i] != 8) {
            return null;
        }
        return (u32(bytes, offsets[i]) & 0xFFFFFFFFL) << 32 | (u32(bytes, offsets[i] + 4) & 0xFFFFFFFFL);
    }

    private int indexOf(int attrType) {
        for (int i = 0; i < count; i++) {
            if (types[i] == attrType) {
                return i;
            }
        }
        return -1;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    static int u32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
