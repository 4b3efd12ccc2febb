package dev.beam.media.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the short-term credentials of a STUN Binding request (RFC 8445 §7.2.2, RFC 8489 §9.1)
 * before ice4j keeps any state for its sender: the USERNAME must start with the session's ufrag
 * and a colon, and a MESSAGE-INTEGRITY must follow it: the HMAC-SHA1, keyed with the session's
 * ice-pwd, of the message up to that attribute, with the header's length field counting up to
 * its end (RFC 8489 §14.5). Reads only the header and attribute headers; never throws.
 */
final class StunCredentials {
    /** STUN header (RFC 8489 §5). */
    static final int HEADER = 20;
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int BINDING_REQUEST = 0x0001;
    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int HMAC_LENGTH = 20;
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JDK", e);
        }
    });

    private final byte[] usernamePrefix;
    private final SecretKeySpec key;

    /** @param ufrag the session's own ufrag; {@code password} its ice-pwd, the short-term key */
    StunCredentials(String ufrag, String password) {
        this.usernamePrefix = (ufrag + ":").getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
    }

    /** True only for a Binding request that names this session and whose integrity checks. */
    boolean verify(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < HEADER || len > buf.length - off) {
            return false;
        }
        int type = u16(buf, off);
        int length = u16(buf, off + 2);
        if (type != BINDING_REQUEST || readInt(buf, off + 4) != MAGIC_COOKIE || (length & 3) != 0
                || length > len - HEADER) {
            return false;
        }
        int end = off + HEADER + length;
        boolean named = false;
        int at = off + HEADER;
        while (end - at >= 4) {
            int attribute = u16(buf, at);
            int valueLength = u16(buf, at + 2);
            int value = at + 4;
            if (valueLength > end - value) {
                return false;
            }
            if (attribute == USERNAME) {
                named = startsWith(buf, value, valueLength, usernamePrefix);
            } else if (attribute == MESSAGE_INTEGRITY) {
                // Attributes after MESSAGE-INTEGRITY (FINGERPRINT) are not covered by it.
                return named && valueLength == HMAC_LENGTH && macMatches(buf, off, at, value);
            }
            at = value + ((valueLength + 3) & ~3);
        }
        return false;
    }

    /**
     * The local ufrag a Binding request names: its USERNAME up to the colon (RFC 8445 §7.2.2), or
     * null when it is no Binding request or names none. Says nothing of its integrity.
     */
    static String localUfrag(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < HEADER || len > buf.length - off || u16(buf, off) != BINDING_REQUEST
                || readInt(buf, off + 4) != MAGIC_COOKIE) {
            return null;
        }
        int end = off + Math.min(len - HEADER, u16(buf, off + 2)) + HEADER;
        int at = off + HEADER;
        while (end - at >= 4) {
            int valueLength = u16(buf, at + 2);
            int value = at + 4;
            if (valueLength > end - value) {
                return null;
            }
            if (u16(buf, at) == USERNAME) {
                for (int i = value; i < value + valueLength; i++) {
                    if (buf[i] == ':') {
                        return new String(buf, value, i - value, StandardCharsets.UTF_8);
                    }
                }
                return null;
            }
            at = value + ((valueLength + 3) & ~3);
        }
        return null;
    }

    private boolean macMatches(byte[] buf, int off, int integrityAt, int value) {
        int coveredLength = integrityAt - off - HEADER + 4 + HMAC_LENGTH;
        byte[] expected;
        try {
            Mac mac = HMAC_SHA1.get();
            mac.init(key);
            mac.update(buf, off, 2);
            mac.update((byte) (coveredLength >>> 8));
            mac.update((byte) coveredLength);
            mac.update(buf, off + 4, integrityAt - off - 4);
            expected = mac.doFinal();
        } catch (GeneralSecurityException e) {
            return false;
        }
        byte[] actual = new byte[HMAC_LENGTH];
        System.arraycopy(buf, value, actual, 0, HMAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    private static boolean startsWith(byte[] buf, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] buf, int off) {
        return (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
    }

    private static int readInt(byte[] buf, int off) {
        return u16(buf, off) << 16 | u16(buf, off + 2);
    }
}
