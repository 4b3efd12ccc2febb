package dev.beam.testpeer.stun;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two checksums of a STUN message. Both are computed over the message as it stood when the
 * attribute was appended: the header's length field then counted up to and including that
 * attribute, whatever followed later (RFC 8489 §14.5, §14.7).
 */
final class StunIntegrity {

    private StunIntegrity() {
    }

    /**
     * HMAC-SHA1 (RFC 2104) over {@code msg[0, attrOffset)} with the length field set to cover the
     * MESSAGE-INTEGRITY attribute at {@code attrOffset}. With short-term credentials the key is
     * the password itself (RFC 8489 §9.1.1; its SASLprep is the identity for ICE's characters).
     */
    static byte[] hmac(byte[] msg, int attrOffset, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // SecretKeySpec refuses an empty key; HMAC pads keys with zeros, so {0} is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            mac.update(headerWithLength(msg, attrOffset + 4 + Stun.INTEGRITY_LENGTH - Stun.HEADER));
            mac.update(msg, Stun.HEADER, attrOffset - Stun.HEADER);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** CRC-32 (ISO 3309) of {@code msg[0, attrOffset)}, length covering FINGERPRINT, XOR 0x5354554e. */
    static int fingerprint(byte[] msg, int attrOffset) {
        CRC32 crc = new CRC32();
        crc.update(headerWithLength(msg, attrOffset + 8 - Stun.HEADER));
        crc.update(msg, Stun.HEADER, attrOffset - Stun.HEADER);
        return (int) crc.getValue() ^ Stun.FINGERPRINT_XOR;
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    static boolean sameMac(byte[] expected, byte[] msg, int off) {
        byte[] actual = new byte[Stun.INTEGRITY_LENGTH];
        System.arraycopy(msg, off, actual, 0, actual.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] headerWithLength(byte[] msg, int length) {
        byte[] header = new byte[Stun.HEADER];
        System.arraycopy(msg, 0, header, 0, Stun.HEADER);
        header[2] = (byte) (length >> 8);
        header[3] = (byte) length;
        return header;
    }
}
