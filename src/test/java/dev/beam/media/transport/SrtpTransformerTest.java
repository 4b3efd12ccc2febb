package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpTransformerTest {

    private static final HexFormat HEX = HexFormat.of();

    // RFC 3711 Appendix B.3 key derivation test vectors.
    private static final byte[] B3_MASTER_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] B3_MASTER_SALT = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");
    private static final byte[] B3_CIPHER_KEY = HEX.parseHex("c61e7a93744f39ee10734afe3ff7a087");
    private static final byte[] B3_CIPHER_SALT = HEX.parseHex("30cbbc08863d8c85d49db34a9ae1");
    private static final byte[] B3_AUTH_KEY = HEX.parseHex("cebe321f6ff7716b6fd4ab49af256a156d38baa4");

    @Test
    void referenceKdfMatchesRfc3711B3() throws Exception {
        assertArrayEquals(B3_CIPHER_KEY, kdf(B3_MASTER_KEY, B3_MASTER_SALT, 0, 16));
        assertArrayEquals(B3_AUTH_KEY, kdf(B3_MASTER_KEY, B3_MASTER_SALT, 1, 20));
        assertArrayEquals(B3_CIPHER_SALT, kdf(B3_MASTER_KEY, B3_MASTER_SALT, 2, 14));
    }

    /** Drives the RFC 3711 B.3 master key through the library and checks the packet it makes. */
    @Test
    void aesCmRtpUsesRfc3711B3SessionKeys() throws Exception {
        SrtpTransformer tx = SrtpTransformer.forClient(keys(SrtpProfile.AES128_CM_HMAC_SHA1_80,
                B3_MASTER_KEY, B3_MASTER_SALT));
        byte[] rtp = rtp(96, 0x1234, 0xCAFEBABE, 40);
        byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpTransformer.MAX_OVERHEAD);
        int len = tx.protectRtp(buf, 0, rtp.length);
        assertEquals(rtp.length + 10, len);

        // Independent AES-CM + HMAC-SHA1-80 (RFC 3711 §4.1.1, §4.2) with the B.3 session keys.
        byte[] iv = new byte[16];
        System.arraycopy(B3_CIPHER_SALT, 0, iv, 0, 14);
        xorInt(iv, 4, 0xCAFEBABE);
        xorInt(iv, 10, 0x1234); // 48-bit index (ROC 0, SEQ) << 16 lands in bytes 8..13
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(B3_CIPHER_KEY, "AES"), new IvParameterSpec(iv));
        byte[] expected = Arrays.copyOf(rtp, rtp.length + 10);
        ctr.doFinal(rtp, 12, rtp.length - 12, expected, 12);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(B3_AUTH_KEY, "HmacSHA1"));
        mac.update(expected, 0, rtp.length);
        byte[] tag = mac.doFinal(new byte[4]); // ROC = 0
        System.arraycopy(tag, 0, expected, rtp.length, 10);
        assertArrayEquals(expected, Arrays.copyOf(buf, len));
    }

    /** AES-GCM (RFC 7714 §8) against the JDK's GCM with keys from the (B.3-checked) reference KDF. */
    @Test
    void aesGcmRtpMatchesIndependentImplementation() throws Exception {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] salt = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
        SrtpTransformer tx = SrtpTransformer.forClient(keys(SrtpProfile.AEAD_AES_128_GCM, key, salt));
        byte[] rtp = rtp(111, 0xF17B, 0xDEADBEEF, 33);
        byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpTransformer.MAX_OVERHEAD);
        int len = tx.protectRtp(buf, 0, rtp.length);
        assertEquals(rtp.length + 16, len);

        byte[] paddedSalt = Arrays.copyOf(salt, 14); // RFC 7714 §11: 96-bit salt, zero-padded for the KDF
        byte[] sessionKey = kdf(key, paddedSalt, 0, 16);
        byte[] sessionSalt = Arrays.copyOf(kdf(key, paddedSalt, 2, 14), 12);
        byte[] iv = sessionSalt.clone(); // 00 00 | SSRC | ROC | SEQ xor salt
        xorInt(iv, 2, 0xDEADBEEF);
        xorInt(iv, 8, 0xF17B);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(rtp, 0, 12);
        byte[] expected = Arrays.copyOf(rtp, rtp.length + 16);
        gcm.doFinal(rtp, 12, rtp.length - 12, expected, 12);
        assertArrayEquals(expected, Arrays.copyOf(buf, len));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsBothWays(SrtpProfile profile) {
        SrtpKeyingMaterial keys = randomKeys(profile);
        try (SrtpTransformer client = SrtpTransformer.forClient(keys);
             SrtpTransformer server = SrtpTransformer.forServer(keys)) {
            for (int seq = 65530; seq < 65546; seq++) { // crosses the 16-bit wrap (ROC 0 -> 1)
                roundTripRtp(client, server, seq & 0xFFFF, 0x11111111, 5 + seq % 7);
                roundTripRtp(server, client, seq & 0xFFFF, 0x22222222, 300);
            }
            // Two SSRCs interleaved through one transformer keep separate contexts.
            roundTripRtp(client, server, 7, 0x33333333, 0);
            roundTripRtp(client, server, 8, 0x11111112, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripsBothWays(SrtpProfile profile) {
        SrtpKeyingMaterial keys = randomKeys(profile);
        try (SrtpTransformer client = SrtpTransformer.forClient(keys);
             SrtpTransformer server = SrtpTransformer.forServer(keys)) {
            for (int i = 0; i < 5; i++) {
                roundTripRtcp(client, server, 0x11111111);
                roundTripRtcp(server, client, 0x22222222);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedPacketsAreRejected(SrtpProfile profile) {
        SrtpKeyingMaterial keys = randomKeys(profile);
        try (SrtpTransformer client = SrtpTransformer.forClient(keys);
             SrtpTransformer server = SrtpTransformer.forServer(keys)) {
            byte[] rtp = rtp(96, 100, 0x01020304, 50);
            for (int pos : new int[] {1, 3, 12, 30, -1}) { // header, payload, tag
                byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpTransformer.MAX_OVERHEAD);
                int len = client.protectRtp(withSeq(buf, 100 + pos + 1), 0, rtp.length);
                buf[pos < 0 ? len - 1 : pos] ^= 0x40;
                assertEquals(-1, server.unprotectRtp(buf, 0, len), "flipped byte " + pos);
            }
            byte[] rtcp = rtcp(0x01020304);
            byte[] buf = Arrays.copyOf(rtcp, rtcp.length + SrtpTransformer.MAX_OVERHEAD);
            int len = client.protectRtcp(buf, 0, rtcp.length);
            buf[10] ^= 1;
            assertEquals(-1, server.unprotectRtcp(buf, 0, len));
            // Garbage never throws.
            assertEquals(-1, server.unprotectRtp(new byte[5], 0, 5));
            assertEquals(-1, server.unprotectRtp(new byte[] {(byte) 0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f},
                    0, 13));
            assertEquals(-1, server.unprotectRtcp(new byte[9], 0, 9));
            assertEquals(-1, server.unprotectRtp(new byte[40], 30, 20));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replaysAreRejected(SrtpProfile profile) {
        SrtpKeyingMaterial keys = randomKeys(profile);
        try (SrtpTransformer client = SrtpTransformer.forClient(keys);
             SrtpTransformer server = SrtpTransformer.forServer(keys)) {
            byte[] rtp = rtp(96, 500, 0x0A0B0C0D, 20);
            byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpTransformer.MAX_OVERHEAD);
            int len = client.protectRtp(buf, 0, rtp.length);
            byte[] copy = Arrays.copyOf(buf, len);
            assertEquals(rtp.length, server.unprotectRtp(buf, 0, len));
            assertEquals(-1, server.unprotectRtp(copy, 0, len));

            byte[] rtcp = rtcp(0x0A0B0C0D);
            buf = Arrays.copyOf(rtcp, rtcp.length + SrtpTransformer.MAX_OVERHEAD);
            len = client.protectRtcp(buf, 0, rtcp.length);
            copy = Arrays.copyOf(buf, len);
            assertEquals(rtcp.length, server.unprotectRtcp(buf, 0, len));
            assertEquals(-1, server.unprotectRtcp(copy, 0, len));

        }
    }

    /**
     * A retransmission on the original SSRC: the same plaintext protected again under its index,
     * after later packets went out, is the very SRTP packet first sent (RFC 3711 §3.3.1: the
     * index is guessed from the sequence number and the rollover counter, and the keystream or
     * nonce follows from the index), so a receiver that lost it takes it and one that had it
     * sees a replay.
     */
    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectingThePlaintextAgainGivesTheSamePacket(SrtpProfile profile) {
        SrtpKeyingMaterial keys = randomKeys(profile);
        try (SrtpTransformer server = SrtpTransformer.forServer(keys);
             SrtpTransformer client = SrtpTransformer.forClient(keys)) {
            byte[] original = rtp(96, 65535, 0x0A0B0C0D, 100);
            byte[] first = Arrays.copyOf(original, original.length + SrtpTransformer.MAX_OVERHEAD);
            int length = server.protectRtp(first, 0, original.length);
            for (int seq = 0; seq < 5; seq++) { // later packets, across the rollover of the counter
                byte[] later = rtp(96, seq, 0x0A0B0C0D, 100);
                server.protectRtp(Arrays.copyOf(later, later.length + SrtpTransformer.MAX_OVERHEAD), 0, later.length);
            }
            byte[] again = Arrays.copyOf(original, original.length + SrtpTransformer.MAX_OVERHEAD);
            assertEquals(length, server.protectRtp(again, 0, original.length));
            assertArrayEquals(Arrays.copyOf(first, length), Arrays.copyOf(again, length));
            assertEquals(original.length, client.unprotectRtp(again, 0, length));
            assertEquals(-1, client.unprotectRtp(first, 0, length), "the second copy is a replay");
        }
    }

    @Test
    void protectNeedsTailRoomAndOpenTransformer() {
        SrtpTransformer tx = SrtpTransformer.forClient(randomKeys(SrtpProfile.AEAD_AES_128_GCM));
        byte[] rtp = rtp(96, 1, 1, 10);
        assertThrows(IllegalArgumentException.class, () -> tx.protectRtp(rtp, 0, rtp.length));
        tx.close();
        byte[] buf = Arrays.copyOf(rtp, rtp.length + SrtpTransformer.MAX_OVERHEAD);
        assertThrows(IllegalStateException.class, () -> tx.protectRtp(buf, 0, rtp.length));
        assertEquals(-1, tx.unprotectRtp(buf, 0, rtp.length));
    }

    @Test
    void keyingMaterialFollowsRfc5764Layout() {
        byte[] exported = new byte[60];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (byte) i;
        }
        SrtpKeyingMaterial m = SrtpKeyingMaterial.fromExported(SrtpProfile.AES128_CM_HMAC_SHA1_80, exported);
        assertArrayEquals(Arrays.copyOfRange(exported, 0, 16), m.clientKey());
        assertArrayEquals(Arrays.copyOfRange(exported, 16, 32), m.serverKey());
        assertArrayEquals(Arrays.copyOfRange(exported, 32, 46), m.clientSalt());
        assertArrayEquals(Arrays.copyOfRange(exported, 46, 60), m.serverSalt());
        assertThrows(IllegalArgumentException.class,
                () -> SrtpKeyingMaterial.fromExported(SrtpProfile.AEAD_AES_128_GCM, exported));
        assertEquals(56, SrtpKeyingMaterial.exportLength(SrtpProfile.AEAD_AES_128_GCM));
        assertEquals("SrtpKeyingMaterial[AES128_CM_HMAC_SHA1_80]", m.toString());
    }

    @Test
    void profilesAreOrderedByPreference() {
        assertArrayEquals(new int[] {0x0007, 0x0001}, SrtpProfile.preferenceIds());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.fromId(7).orElseThrow());
        assertEquals(12, SrtpProfile.AEAD_AES_128_GCM.saltLength());
        assertEquals(14, SrtpProfile.AES128_CM_HMAC_SHA1_80.saltLength());
        assertEquals(true, SrtpProfile.fromId(2).isEmpty());
    }

    // --- helpers

    private static void roundTripRtp(SrtpTransformer from, SrtpTransformer to, int seq, int ssrc, int payload) {
        byte[] rtp = rtp(96, seq, ssrc, payload);
        byte[] buf = new byte[3 + rtp.length + SrtpTransformer.MAX_OVERHEAD];
        System.arraycopy(rtp, 0, buf, 3, rtp.length); // non-zero offset on purpose
        int len = from.protectRtp(buf, 3, rtp.length);
        if (payload >= 16) { // a shorter ciphertext may equal the plaintext by chance
            assertNotEquals(HEX.formatHex(rtp), HEX.formatHex(Arrays.copyOfRange(buf, 3, 3 + rtp.length)));
        }
        assertEquals(rtp.length, to.unprotectRtp(buf, 3, len));
        assertArrayEquals(rtp, Arrays.copyOfRange(buf, 3, 3 + rtp.length));
    }

    private static void roundTripRtcp(SrtpTransformer from, SrtpTransformer to, int ssrc) {
        byte[] rtcp = rtcp(ssrc);
        byte[] buf = Arrays.copyOf(rtcp, rtcp.length + SrtpTransformer.MAX_OVERHEAD);
        int len = from.protectRtcp(buf, 0, rtcp.length);
        assertEquals(rtcp.length + 4 + (from.profile() == SrtpProfile.AEAD_AES_128_GCM ? 16 : 10), len);
        assertEquals(rtcp.length, to.unprotectRtcp(buf, 0, len));
        assertArrayEquals(rtcp, Arrays.copyOf(buf, rtcp.length));
    }

    static byte[] rtp(int pt, int seq, int ssrc, int payloadLen) {
        byte[] p = new byte[12 + payloadLen];
        p[0] = (byte) 0x80;
        p[1] = (byte) pt;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = 0x01; // timestamp
        writeInt(p, 8, ssrc);
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    private static byte[] withSeq(byte[] buf, int seq) {
        buf[2] = (byte) (seq >> 8);
        buf[3] = (byte) seq;
        return buf;
    }

    /** A PLI (RFC 4585 §6.3.1): V=2, FMT=1, PT=206, length 2, sender and media SSRC. */
    static byte[] rtcp(int senderSsrc) {
        byte[] p = new byte[12];
        p[0] = (byte) 0x81;
        p[1] = (byte) 206;
        p[3] = 2;
        writeInt(p, 4, senderSsrc);
        writeInt(p, 8, 0x55667788);
        return p;
    }

    private static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }

    private static void xorInt(byte[] b, int i, int v) {
        b[i] ^= (byte) (v >> 24);
        b[i + 1] ^= (byte) (v >> 16);
        b[i + 2] ^= (byte) (v >> 8);
        b[i + 3] ^= (byte) v;
    }

    /** Reference RFC 3711 §4.3.1 KDF (key_derivation_rate 0): AES-CM keystream at IV (salt ^ label<<48) << 16. */
    private static byte[] kdf(byte[] masterKey, byte[] masterSalt14, int label, int len) throws Exception {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt14, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
        return ctr.doFinal(new byte[len]);
    }

    private static SrtpKeyingMaterial keys(SrtpProfile p, byte[] key, byte[] salt) {
        byte[] other = new byte[p.keyLength()];
        Arrays.fill(other, (byte) 0x5A);
        byte[] otherSalt = new byte[p.saltLength()];
        return new SrtpKeyingMaterial(p, key, other, salt, otherSalt);
    }

    private static SrtpKeyingMaterial randomKeys(SrtpProfile p) {
        byte[] exported = new byte[SrtpKeyingMaterial.exportLength(p)];
        new java.security.SecureRandom().nextBytes(exported);
        return SrtpKeyingMaterial.fromExported(p, exported);
    }
}
