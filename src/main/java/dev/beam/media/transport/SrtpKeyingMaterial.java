package dev.beam.media.transport;

import java.util.Arrays;
import java.util.Objects;

/**
 * SRTP master keys and salts exported from a DTLS handshake with the exporter label
 * "EXTRACTOR-dtls_srtp" (RFC 5705). RFC 5764 §4.2 lays the 2*(key+salt) exported bytes out as
 * client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
 * server_write_SRTP_master_salt. "Client" and "server" are the DTLS roles, not the SDP offerer/answerer.
 *
 * <p>The arrays are not copied on access: callers must not modify them.
 */
public record SrtpKeyingMaterial(SrtpProfile profile, byte[] clientKey, byte[] serverKey,
                                 byte[] clientSalt, byte[] serverSalt) {

    public SrtpKeyingMaterial {
        Objects.requireNonNull(profile, "profile");
        check(clientKey, profile.keyLength(), "clientKey");
        check(serverKey, profile.keyLength(), "serverKey");
        check(clientSalt, profile.saltLength(), "clientSalt");
        check(serverSalt, profile.saltLength(), "serverSalt");
    }

    /** Exported length for a profile: 2 * (key + salt). */
    public static int exportLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }

    /** Splits exporter output per RFC 5764 §4.2. */
    public static SrtpKeyingMaterial fromExported(SrtpProfile profile, byte[] exported) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(exported, "exported");
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (exported.length != exportLength(profile)) {
            throw new IllegalArgumentException("expected " + exportLength(profile)
                    + " exported bytes for " + profile + ", got " + exported.length);
        }
        return new SrtpKeyingMaterial(profile,
                Arrays.copyOfRange(exported, 0, k),
                Arrays.copyOfRange(exported, k, 2 * k),
                Arrays.copyOfRange(exported, 2 * k, 2 * k + s),
                Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s));
    }

    private static void check(byte[] b, int len, String name) {
        Objects.requireNonNull(b, name);
        if (b.length != len) {
            throw new IllegalArgumentException(name + " must be " + len + " bytes, got " + b.length);
        }
    }

    // Records compare arrays by identity; keys are compared by content (constant-time not needed here).
    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeyingMaterial m && profile == m.profile
                && Arrays.equals(clientKey, m.clientKey) && Arrays.equals(serverKey, m.serverKey)
                && Arrays.equals(clientSalt, m.clientSalt) && Arrays.equals(serverSalt, m.serverSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(clientKey), Arrays.hashCode(serverKey));
    }

    /** Never prints key material (it would end up in logs). */
    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile + "]";
    }
}
