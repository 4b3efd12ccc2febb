package dev.beam.testpeer.stun;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a STUN message (RFC 8489 §5, §14): attributes in the order added, each padded to 4
 * bytes, then optionally MESSAGE-INTEGRITY and FINGERPRINT, which must come last in that order.
 */
public final class StunMessageBuilder {
    private final int type;
    private final byte[] transactionId;
    private final ByteArrayOutputStream attributes = new ByteArrayOutputStream();
    private byte padding;

    public StunMessageBuilder(int type, byte[] transactionId) {
        if ((type & 0xC000) != 0 || transactionId.length != 12) {
            throw new IllegalArgumentException("type 0x" + Integer.toHexString(type) + ", id of " + transactionId.length);
        }
        this.type = type;
        this.transactionId = transactionId.clone();
    }

    /**
     * The value of padding bytes from here on. RFC 8489 §14 lets it be anything; RFC 5769's
     * vectors use spaces, so a test can reproduce them byte for byte. Zero by default.
     */
    public StunMessageBuilder padding(int value) {
        padding = (byte) value;
        return this;
    }

    public StunMessageBuilder add(int attrType, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute too long");
        }
        attributes.write(attrType >> 8);
        attributes.write(attrType);
        attributes.write(value.length >> 8);
        attributes.write(value.length);
        attributes.writeBytes(value);
        for (int i = value.length; (i & 3) != 0; i++) {
            attributes.write(padding);
        }
        return this;
    }

    public StunMessageBuilder software(String name) {
        return add(Stun.SOFTWARE, name.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder username(String username) {
        return add(Stun.USERNAME, username.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder priority(long priority) {
        return add(Stun.PRIORITY, u32(priority));
    }

    public StunMessageBuilder iceControlling(long tieBreaker) {
        return add(Stun.ICE_CONTROLLING, u64(tieBreaker));
    }

    public StunMessageBuilder iceControlled(long tieBreaker) {
        return add(Stun.ICE_CONTROLLED, u64(tieBreaker));
    }

    public StunMessageBuilder useCandidate() {
        return add(Stun.USE_CANDIDATE, new byte[0]);
    }

    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        return add(Stun.XOR_MAPPED_ADDRESS, XorAddress.encode(address, transactionId));
    }

    public StunMessageBuilder errorCode(int code, String reason) {
        return add(Stun.ERROR_CODE, new StunError(code, reason).encode());
    }

    /**
     * The message; with {@code integrityKey} non-null a MESSAGE-INTEGRITY keyed with it (for ICE the
     * password, RFC 8445 §7.2.2), then with {@code fingerprint} a FINGERPRINT.
     */
    public byte[] build(byte[] integrityKey, boolean fingerprint) {
        int length = attributes.size() + (integrityKey != null ? 4 + Stun.INTEGRITY_LENGTH : 0) + (fingerprint ? 8 : 0);
        byte[] msg = Arrays.copyOf(header(), Stun.HEADER + length);
        msg[2] = (byte) (length >> 8);
        msg[3] = (byte) length;
        byte[] attrs = attributes.toByteArray();
        System.arraycopy(attrs, 0, msg, Stun.HEADER, attrs.length);
        int at = Stun.HEADER + attrs.length;
        if (integrityKey != null) {
            writeAttrHeader(msg, at, Stun.MESSAGE_INTEGRITY, Stun.INTEGRITY_LENGTH);
            System.arraycopy(StunIntegrity.hmac(msg, at, integrityKey), 0, msg, at + 4, Stun.INTEGRITY_LENGTH);
            at += 4 + Stun.INTEGRITY_LENGTH;
        }
        if (fingerprint) {
            writeAttrHeader(msg, at, Stun.FINGERPRINT, 4);
            System.arraycopy(u32(StunIntegrity.fingerprint(msg, at) & 0xFFFFFFFFL), 0, msg, at + 4, 4);
        }
        return msg;
    }

    private byte[] header() {
        byte[] h = new byte[Stun.HEADER];
        h[0] = (byte) (type >> 8);
        h[1] = (byte) type;
        System.arraycopy(u32(Stun.MAGIC_COOKIE & 0xFFFFFFFFL), 0, h, 4, 4);
        System.arraycopy(transactionId, 0, h, 8, 12);
        return h;
    }

    private static void writeAttrHeader(byte[] msg, int at, int attrType, int length) {
        msg[at] = (byte) (attrType >> 8);
        msg[at + 1] = (byte) attrType;
        msg[at + 2] = (byte) (length >> 8);
        msg[at + 3] = (byte) length;
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static byte[] u64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >> (56 - 8 * i));
        }
        return b;
    }
}
