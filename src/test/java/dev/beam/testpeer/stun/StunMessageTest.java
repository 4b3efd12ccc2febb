package dev.beam.testpeer.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The codec against RFC 5769's own test vectors: parse, verify, rebuild, compare byte for byte. */
class StunMessageTest {
    private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRANSACTION_ID = hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

    /** RFC 5769 §2.1 Sample Request (username "evtj:h6vY", software "STUN test client"). */
    private static final byte[] SAMPLE_REQUEST = hex(
            "00 01 00 58", //    Request type and message length
            "21 12 a4 42", //    Magic cookie
            "b7 e7 a7 01", // }
            "bc 34 d6 86", // }  Transaction ID
            "fa 87 df ae", // }
            "80 22 00 10", //    SOFTWARE attribute header
            "53 54 55 4e", // }
            "20 74 65 73", // }  User-agent...
            "74 20 63 6c", // }  ...name
            "69 65 6e 74", // }
            "00 24 00 04", //    PRIORITY attribute header
            "6e 00 01 ff", //    ICE priority value
            "80 29 00 08", //    ICE-CONTROLLED attribute header
            "93 2f f9 b1", // }  Pseudo-random tie breaker...
            "51 26 3b 36", // }   ...for ICE control
            "00 06 00 09", //    USERNAME attribute header
            "65 76 74 6a", // }
            "3a 68 36 76", // }  Username (9 bytes) and padding (3 bytes)
            "59 20 20 20", // }
            "00 08 00 14", //    MESSAGE-INTEGRITY attribute header
            "9a ea a7 0c", // }
            "bf d8 cb 56", // }
            "78 1e f2 b5", // }  HMAC-SHA1 fingerprint
            "b2 d3 f2 49", // }
            "c1 b5 71 a2", // }
            "80 28 00 04", //    FINGERPRINT attribute header
            "e5 7a 3b cf"); //   CRC32 fingerprint

    /** RFC 5769 §2.2 Sample IPv4 Response (software "test vector", 192.0.2.1 port 32853). */
    private static final byte[] IPV4_RESPONSE = hex(
            "01 01 00 3c", //    Response type and message length
            "21 12 a4 42", //    Magic cookie
            "b7 e7 a7 01", // }
            "bc 34 d6 86", // }  Transaction ID
            "fa 87 df ae", // }
            "80 22 00 0b", //    SOFTWARE attribute header
            "74 65 73 74", // }
            "20 76 65 63", // }  UTF-8 server name
            "74 6f 72 20", // }
            "00 20 00 08", //    XOR-MAPPED-ADDRESS attribute header
            "00 01 a1 47", //    Address family (IPv4) and xor'd mapped port number
            "e1 12 a6 43", //    Xor'd mapped IPv4 address
            "00 08 00 14", //    MESSAGE-INTEGRITY attribute header
            "2b 91 f5 99", // }
            "fd 9e 90 c3", // }
            "8c 74 89 f9", // }  HMAC-SHA1 fingerprint
            "2a f9 ba 53", // }
            "f0 6b e7 d7", // }
            "80 28 00 04", //    FINGERPRINT attribute header
            "c0 7d 4c 96"); //   CRC32 fingerprint

    /** RFC 5769 §2.3 Sample IPv6 Response (2001:db8:1234:5678:11:2233:4455:6677 port 32853). */
    private static final byte[] IPV6_RESPONSE = hex(
            "01 01 00 48", //    Response type and message length
            "21 12 a4 42", //    Magic cookie
            "b7 e7 a7 01", // }
            "bc 34 d6 86", // }  Transaction ID
            "fa 87 df ae", // }
            "80 22 00 0b", //    SOFTWARE attribute header
            "74 65 73 74", // }
            "20 76 65 63", // }  UTF-8 server name
            "74 6f 72 20", // }
            "00 20 00 14", //    XOR-MAPPED-ADDRESS attribute header
            "00 02 a1 47", //    Address family (IPv6) and xor'd mapped port number
            "01 13 a9 fa", // }
            "a5 d3 f1 79", // }  Xor'd mapped IPv6 address
            "bc 25 f4 b5", // }
            "be d2 b9 d9", // }
            "00 08 00 14", //    MESSAGE-INTEGRITY attribute header
            "a3 82 95 4e", // }
            "4b e6 7b f1", // }
            "17 84 c9 7c", // }  HMAC-SHA1 fingerprint
            "82 92 c2 75", // }
            "bf e3 ed 41", // }
            "80 28 00 04", //    FINGERPRINT attribute header
            "c8 fb 0b 4c"); //   CRC32 fingerprint

    @Test
    void sampleRequestParsesVerifiesAndRebuildsByteForByte() {
        StunMessage m = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);
        assertEquals(Stun.BINDING_REQUEST, m.type());
        assertTrue(m.hasTransactionId(TRANSACTION_ID));
        assertEquals("evtj:h6vY", m.username());
        assertEquals(0x6e0001ffL, m.priority());
        assertEquals(0x932ff9b151263b36L, m.iceControlled());
        assertNull(m.iceControlling());
        assertFalse(m.useCandidate());
        assertEquals("STUN test client", new String(m.attribute(Stun.SOFTWARE), StandardCharsets.UTF_8));
        assertTrue(m.hasValidIntegrity(PASSWORD));
        assertTrue(m.hasValidFingerprint());
        assertFalse(m.hasValidIntegrity("wrong".getBytes(StandardCharsets.UTF_8)));

        byte[] built = new StunMessageBuilder(Stun.BINDING_REQUEST, TRANSACTION_ID).padding(' ')
                .software("STUN test client").priority(0x6e0001ffL).iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY").build(PASSWORD, true);
        assertArrayEquals(SAMPLE_REQUEST, built);
    }

    @Test
    void ipv4ResponseParsesVerifiesAndRebuildsByteForByte() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        StunMessage m = StunMessage.parse(IPV4_RESPONSE, 0, IPV4_RESPONSE.length);
        assertEquals(Stun.BINDING_SUCCESS, m.type());
        assertEquals(mapped, m.xorMappedAddress());
        assertTrue(m.hasValidIntegrity(PASSWORD));
        assertTrue(m.hasValidFingerprint());

        byte[] built = new StunMessageBuilder(Stun.BINDING_SUCCESS, TRANSACTION_ID).padding(' ')
                .software("test vector").xorMappedAddress(mapped).build(PASSWORD, true);
        assertArrayEquals(IPV4_RESPONSE, built);
    }

    @Test
    void ipv6ResponseParsesVerifiesAndRebuildsByteForByte() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        StunMessage m = StunMessage.parse(IPV6_RESPONSE, 0, IPV6_RESPONSE.length);
        assertEquals(mapped, m.xorMappedAddress());
        assertTrue(m.hasValidIntegrity(PASSWORD));
        assertTrue(m.hasValidFingerprint());

        byte[] built = new StunMessageBuilder(Stun.BINDING_SUCCESS, TRANSACTION_ID).padding(' ')
                .software("test vector").xorMappedAddress(mapped).build(PASSWORD, true);
        assertArrayEquals(IPV6_RESPONSE, built);
    }

    @Test
    void aFlippedBitBreaksIntegrityAndFingerprint() {
        byte[] tampered = SAMPLE_REQUEST.clone();
        tampered[53] ^= 1; // inside the ICE-CONTROLLED value
        StunMessage m = StunMessage.parse(tampered, 0, tampered.length);
        assertFalse(m.hasValidIntegrity(PASSWORD));
        assertFalse(m.hasValidFingerprint());
    }

    @Test
    void iceAttributesAndErrorCodeRoundTrip() {
        byte[] request = new StunMessageBuilder(Stun.BINDING_REQUEST, TRANSACTION_ID).username("srv:me")
                .priority(1853824767L).iceControlling(-2L).useCandidate().build("pw".getBytes(), true);
        StunMessage m = StunMessage.parse(request, 0, request.length);
        assertEquals("srv:me", m.username());
        assertEquals(1853824767L, m.priority());
        assertEquals(-2L, m.iceControlling());
        assertTrue(m.useCandidate());
        assertTrue(m.hasValidIntegrity("pw".getBytes()));
        assertTrue(m.hasValidFingerprint());

        byte[] error = new StunMessageBuilder(Stun.BINDING_ERROR, TRANSACTION_ID)
                .errorCode(Stun.ROLE_CONFLICT, "Role Conflict").build(null, true);
        assertEquals(new StunError(487, "Role Conflict"), StunMessage.parse(error, 0, error.length).errorCode());
    }

    @Test
    void attributesAfterMessageIntegrityOtherThanFingerprintAreIgnored() {
        byte[] withTrailer = Arrays.copyOf(SAMPLE_REQUEST, SAMPLE_REQUEST.length + 8);
        // Move FINGERPRINT out and put a SOFTWARE attribute after MESSAGE-INTEGRITY instead.
        int fingerprintAt = SAMPLE_REQUEST.length - 8;
        byte[] software = hex("80 22 00 04", "61 62 63 64");
        System.arraycopy(software, 0, withTrailer, fingerprintAt, 8);
        System.arraycopy(SAMPLE_REQUEST, fingerprintAt, withTrailer, fingerprintAt + 8, 8);
        withTrailer[3] += 8;
        StunMessage m = StunMessage.parse(withTrailer, 0, withTrailer.length);
        assertEquals("STUN test client", new String(m.attribute(Stun.SOFTWARE), StandardCharsets.UTF_8));
        assertTrue(m.hasValidIntegrity(PASSWORD), "the HMAC covers what precedes it only");
    }

    @Test
    void malformedInputGivesNullNeverAnException() {
        for (int len = 0; len < SAMPLE_REQUEST.length; len++) {
            assertNull(StunMessage.parse(SAMPLE_REQUEST, 0, len), "truncated to " + len);
        }
        assertNull(StunMessage.parse(null, 0, 20));
        assertNull(StunMessage.parse(SAMPLE_REQUEST, 90, 20));
        assertNull(StunMessage.parse(SAMPLE_REQUEST, -1, 20));
        byte[] badCookie = SAMPLE_REQUEST.clone();
        badCookie[4] = 0;
        assertNull(StunMessage.parse(badCookie, 0, badCookie.length));
        byte[] overlong = SAMPLE_REQUEST.clone();
        overlong[42] = (byte) 0xFF; // the PRIORITY attribute claims 0xFF04 bytes
        assertNull(StunMessage.parse(overlong, 0, overlong.length));
        byte[] afterFingerprint = Arrays.copyOf(SAMPLE_REQUEST, SAMPLE_REQUEST.length + 4);
        afterFingerprint[3] += 4;
        assertNull(StunMessage.parse(afterFingerprint, 0, afterFingerprint.length));

        Random random = new Random(5769);
        byte[] garbage = new byte[120];
        for (int i = 0; i < 10_000; i++) {
            random.nextBytes(garbage);
            garbage[0] &= 0x01; // often a STUN-looking first byte
            int len = random.nextInt(garbage.length + 1);
            if (random.nextBoolean() && len >= 20) {
                System.arraycopy(SAMPLE_REQUEST, 4, garbage, 4, 4); // the right cookie
                garbage[2] = (byte) ((len - 20) >> 8);
                garbage[3] = (byte) ((len - 20) & 0xFC);
            }
            StunMessage m = StunMessage.parse(garbage, 0, len);
            if (m != null) { // whatever parsed must be safe to read
                m.username();
                m.priority();
                m.xorMappedAddress();
                m.errorCode();
                m.iceControlling();
                m.hasValidIntegrity(PASSWORD);
                m.hasValidFingerprint();
            }
        }
    }

    @Test
    void malformedAttributeValuesReadAsAbsent() {
        byte[] msg = new StunMessageBuilder(Stun.BINDING_ERROR, TRANSACTION_ID)
                .add(Stun.XOR_MAPPED_ADDRESS, hex("00 03 00 00", "00 00 00 00")) // unknown family
                .add(Stun.ERROR_CODE, hex("00 00 09 63")) // class 9
                .add(Stun.PRIORITY, hex("00 01")) // too short
                .add(Stun.ICE_CONTROLLING, hex("00 01 02 03")) // too short
                .build(null, false);
        StunMessage m = StunMessage.parse(msg, 0, msg.length);
        assertNull(m.xorMappedAddress());
        assertNull(m.errorCode());
        assertEquals(-1, m.priority());
        assertNull(m.iceControlling());
        assertFalse(m.hasValidIntegrity(PASSWORD));
        assertFalse(m.hasValidFingerprint());
    }

    static byte[] hex(String... rows) {
        String digits = String.join("", rows).replace(" ", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
