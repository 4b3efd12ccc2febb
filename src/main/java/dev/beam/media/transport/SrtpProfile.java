package dev.beam.media.transport;

import java.util.Optional;

/**
 * The DTLS-SRTP protection profiles Beam negotiates, preferred first.
 *
 * <ul>
 *   <li>{@link #AEAD_AES_128_GCM}: RFC 7714 §14.2, profile id 0x0007, 128-bit key, 96-bit salt.
 *       Preferred: one AES pass gives confidentiality and a 16-byte tag, and it is what Chromium picks.</li>
 *   <li>{@link #AES128_CM_HMAC_SHA1_80}: RFC 5764 §4.1.2, profile id 0x0001, 128-bit key, 112-bit salt,
 *       80-bit HMAC-SHA1 tag (RFC 3711). Mandatory to implement for WebRTC (RFC 8827 §6.5).</li>
 * </ul>
 */
public enum SrtpProfile {
    AEAD_AES_128_GCM(0x0007, 16, 12),
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14);

    private static final SrtpProfile[] VALUES = values();

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The SRTPProtectionProfile value carried in the use_srtp extension (RFC 5764 §4.1.2). */
    public int id() {
        return id;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    public static Optional<SrtpProfile> fromId(int id) {
        for (SrtpProfile p : VALUES) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Profile ids in preference order, as offered in (or matched against) use_srtp. */
    public static int[] preferenceIds() {
        int[] ids = new int[VALUES.length];
        for (int i = 0; i < VALUES.length; i++) {
            ids[i] = VALUES[i].id;
        }
        return ids;
    }
}
