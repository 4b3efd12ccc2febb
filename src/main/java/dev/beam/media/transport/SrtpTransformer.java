package dev.beam.media.transport;

import java.security.SecureRandom;
import java.util.Objects;

import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP (RFC 3711, RFC 7714 for AES-GCM) for one peer, on jitsi-srtp.
 *
 * <p>Threading: any thread may call any method. Each direction ({@link SrtpDirection}) is
 * serialized by its own lock, held only for the transform (never for a send), so the two
 * directions never wait on each other. Crypto contexts are derived lazily per SSRC (RFC 3711
 * §3.2.3: one context per SSRC) and cached in small tables; the per-packet path does not allocate.
 *
 * <p>Protecting a sequence number again is allowed and gives the very same SRTP packet when the
 * plaintext is the same: that is how a retransmission on the original SSRC is made. Callers must
 * never protect a different plaintext under an index already used, which would reuse a keystream
 * (RFC 3711 §9.1; a nonce with AES-GCM, RFC 7714 §8.1); the send streams guarantee it.
 */
public final class SrtpTransformer implements AutoCloseable {

    /** Spare bytes a caller must leave after the packet for protect*: AES-GCM tag (16) + SRTCP index (4). */
    public static final int MAX_OVERHEAD = 16 + 4;

    /** Remote SSRCs we keep contexts for; a context is only kept once a packet authenticated with it. */
    static final int MAX_REMOTE_SSRCS = 64;

    private static final Logger LOGGER = new LoggerImpl(SrtpTransformer.class.getName());

    static {
        // jitsi-srtp otherwise benchmarks every AES implementation at first use and keeps whichever
        // happened to win, which varies run to run. Pin it: the bundled OpenSSL binding (JNA) is the
        // fastest when it loads; it does not when the temp dir is noexec or the platform has no
        // bundled binary, and then the JDK's SunJCE (AES-NI intrinsics) is the next best.
        Aes.setFactoryClassName(JitsiOpenSslProvider.isLoaded() ? "OpenSSL" : "SunJCE");
    }

    private final SrtpProfile profile;
    private final SrtpDirection out;
    private final SrtpDirection in;
    private volatile boolean closed;

    private SrtpTransformer(SrtpProfile profile, byte[] sendKey, byte[] sendSalt,
                            byte[] recvKey, byte[] recvSalt) {
        this.profile = profile;
        this.out = new SrtpDirection(new SrtpContextFactory(true, sendKey.clone(), sendSalt.clone(),
                policy(profile), policy(profile), LOGGER), Integer.MAX_VALUE);
        this.in = new SrtpDirection(new SrtpContextFactory(false, recvKey.clone(), recvSalt.clone(),
                policy(profile), policy(profile), LOGGER), MAX_REMOTE_SSRCS);
    }

    /** Encrypts with the server write key/salt, decrypts with the client's (RFC 5764 §4.2). */
    public static SrtpTransformer forServer(SrtpKeyingMaterial keys) {
        Objects.requireNonNull(keys, "keys");
        return new SrtpTransformer(keys.profile(), keys.serverKey(), keys.serverSalt(),
                keys.clientKey(), keys.clientSalt());
    }

    /** Encrypts with the client write key/salt, decrypts with the server's. */
    public static SrtpTransformer forClient(SrtpKeyingMaterial keys) {
        Objects.requireNonNull(keys, "keys");
        return new SrtpTransformer(keys.profile(), keys.clientKey(), keys.clientSalt(),
                keys.serverKey(), keys.serverSalt());
    }

    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Loads and exercises the crypto once for each profile. The first use in a JVM loads the
     * native AES and takes most of a second: paid at start-up, not on a peer's receive thread,
     * where it would stall the shared UDP socket long enough to lose packets.
     */
    public static void warmUp() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] exported = new byte[2 * (profile.keyLength() + profile.saltLength())];
            new SecureRandom().nextBytes(exported);
            SrtpKeyingMaterial keys = SrtpKeyingMaterial.fromExported(profile, exported);
            try (SrtpTransformer client = forClient(keys); SrtpTransformer server = forServer(keys)) {
                byte[] packet = new byte[12 + 100 + MAX_OVERHEAD];
                packet[0] = (byte) 0x80;
                packet[1] = 96;
                int length = client.protectRtp(packet, 0, 112);
                server.unprotectRtp(packet, 0, length);
            }
        }
    }

    /**
     * jitsi-srtp policies: RFC 3711 §5 (CM: 160-bit HMAC key, 80-bit tag), RFC 7714 §12 (GCM:
     * 16-byte tag). The library's sender-side replay check is off so that a retransmission can be
     * protected again under its own index (see the class comment for the rule that makes it safe).
     */
    static SrtpPolicy policy(SrtpProfile profile) {
        SrtpPolicy policy = switch (profile) {
            case AES128_CM_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16,
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
        };
        policy.setSendReplayEnabled(false);
        return policy;
    }

    /**
     * Protects an RTP packet in place (RFC 3711 §3.3). {@code buf} must have {@link #MAX_OVERHEAD}
     * bytes after {@code off + len}.
     *
     * @return the SRTP length, or -1 if the library refused the packet
     */
    public int protectRtp(byte[] buf, int off, int len) {
        checkProtect(buf, off, len, 12);
        return out.protectRtp(readInt(buf, off + 8), buf, off, len);
    }

    /** Protects an RTCP compound packet in place (RFC 3711 §3.4; the E flag is set, payload encrypted). */
    public int protectRtcp(byte[] buf, int off, int len) {
        checkProtect(buf, off, len, 8);
        return out.protectRtcp(readInt(buf, off + 4), buf, off, len);
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTP packet in place.
     *
     * @return the RTP length, or -1 if the packet is malformed, fails authentication or is a replay
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        if (closed || !inBounds(buf, off, len) || len < 12 || (buf[off] & 0xC0) != 0x80) {
            return -1;
        }
        return in.unprotectRtp(readInt(buf, off + 8), buf, off, len);
    }

    /** As {@link #unprotectRtp} for SRTCP (RFC 3711 §3.4): index + tag are removed on success. */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        if (closed || !inBounds(buf, off, len) || len < 8 || (buf[off] & 0xC0) != 0x80) {
            return -1;
        }
        return in.unprotectRtcp(readInt(buf, off + 4), buf, off, len);
    }

    /** Wipes the master keys. Derived contexts become garbage; further protect* calls throw. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
        in.close();
    }

    private void checkProtect(byte[] buf, int off, int len, int minLen) {
        if (closed) {
            throw new IllegalStateException("SrtpTransformer closed");
        }
        Objects.requireNonNull(buf, "buf");
        if (!inBounds(buf, off, len) || len < minLen) {
            throw new IllegalArgumentException("bad packet bounds: off=" + off + " len=" + len);
        }
        if (buf.length - off - len < MAX_OVERHEAD) {
            throw new IllegalArgumentException("need " + MAX_OVERHEAD + " spare bytes after the packet");
        }
    }

    private static boolean inBounds(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 0 && off <= buf.length - len;
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
