package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.stun.Stun;
import dev.beam.testpeer.stun.StunMessageBuilder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The short-term credential check, against RFC 5769's sample request and the test peer's own checks. */
class StunCredentialsTest {
    /** RFC 5769 §2.1: username "evtj:h6vY", password "VOkJxbRl1RmTxUk/WvJxBt", then a FINGERPRINT. */
    static final byte[] RFC_5769_REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e2074657374"
            + "20636c69656e74002400046e0001ff80290008932ff9b151263b36000600096576"
            + "746a3a6836765920202000080014"
            + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004e57a3bcf");

    private final StunCredentials rfc = new StunCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBt");

    @Test
    void readsTheLocalUfragAUsernameNames() {
        assertEquals("evtj", StunCredentials.localUfrag(RFC_5769_REQUEST, 0, RFC_5769_REQUEST.length));
        byte[] truncated = Arrays.copyOf(RFC_5769_REQUEST, 40);
        assertNull(StunCredentials.localUfrag(truncated, 0, truncated.length), "a USERNAME cut short names none");
        byte[] response = RFC_5769_REQUEST.clone();
        response[1] = 0x01 | 0x00;
        response[0] = 0x01;
        assertNull(StunCredentials.localUfrag(response, 0, response.length), "not a Binding request");
        assertNull(StunCredentials.localUfrag(new byte[12], 0, 12));
    }

    @Test
    void acceptsRfc5769SampleRequest() {
        assertTrue(rfc.verify(RFC_5769_REQUEST, 0, RFC_5769_REQUEST.length));
    }

    @Test
    void acceptsItAtAnOffsetInsideALargerBuffer() {
        byte[] buf = new byte[RFC_5769_REQUEST.length + 40];
        System.arraycopy(RFC_5769_REQUEST, 0, buf, 17, RFC_5769_REQUEST.length);
        assertTrue(rfc.verify(buf, 17, RFC_5769_REQUEST.length));
    }

    @Test
    void refusesAnotherPasswordOrAnotherUfrag() {
        assertFalse(new StunCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBT").verify(RFC_5769_REQUEST, 0,
                RFC_5769_REQUEST.length));
        assertFalse(new StunCredentials("evt", "VOkJxbRl1RmTxUk/WvJxBt").verify(RFC_5769_REQUEST, 0,
                RFC_5769_REQUEST.length), "the ufrag must be the whole part before the colon");
        assertFalse(new StunCredentials("h6vY", "VOkJxbRl1RmTxUk/WvJxBt").verify(RFC_5769_REQUEST, 0,
                RFC_5769_REQUEST.length));
    }

    @Test
    void refusesAnyChangedByteBeforeTheIntegrity() {
        int integrityEnd = RFC_5769_REQUEST.length - 8;
        for (int i = 0; i < integrityEnd; i++) {
            byte[] changed = RFC_5769_REQUEST.clone();
            changed[i] ^= 0x01;
            assertFalse(rfc.verify(changed, 0, changed.length), "byte " + i);
        }
    }

    @Test
    void ignoresTheFingerprintAfterIt() {
        byte[] changed = RFC_5769_REQUEST.clone();
        changed[changed.length - 1] ^= 0x01;
        assertTrue(rfc.verify(changed, 0, changed.length), "FINGERPRINT is not covered by MESSAGE-INTEGRITY");
    }

    @Test
    void refusesTruncatedMessagesAndRequestsWithoutIntegrity() {
        for (int len = 0; len < RFC_5769_REQUEST.length - 8; len++) {
            assertFalse(rfc.verify(RFC_5769_REQUEST, 0, len), "length " + len);
        }
        byte[] noIntegrity = new StunMessageBuilder(Stun.BINDING_REQUEST, new byte[12]).username("evtj:h6vY")
                .priority(1).build(null, true);
        assertFalse(rfc.verify(noIntegrity, 0, noIntegrity.length));
    }

    @Test
    void refusesIntegrityBeforeTheUsername() {
        // USERNAME must come before MESSAGE-INTEGRITY: attributes after it are not covered.
        byte[] key = "pass".getBytes();
        byte[] signed = new StunMessageBuilder(Stun.BINDING_REQUEST, new byte[12]).priority(1).build(key, false);
        byte[] withName = Arrays.copyOf(signed, signed.length + 12);
        int nameAt = signed.length;
        withName[nameAt + 1] = 0x06;
        withName[nameAt + 3] = 5;
        System.arraycopy("u:abc".getBytes(), 0, withName, nameAt + 4, 5);
        withName[3] = (byte) (withName.length - 20);
        assertFalse(new StunCredentials("u", "pass").verify(withName, 0, withName.length));
    }

    @Test
    void acceptsTheTestPeersChecks() {
        byte[] id = new byte[12];
        id[0] = 7;
        byte[] check = new StunMessageBuilder(Stun.BINDING_REQUEST, id).username("srvUfrag:peerUfrag").priority(99)
                .iceControlling(1234).useCandidate().build("serverPassword123456789".getBytes(), true);
        assertTrue(new StunCredentials("srvUfrag", "serverPassword123456789").verify(check, 0, check.length));
        assertFalse(new StunCredentials("srvUfrag", "serverPassword12345678").verify(check, 0, check.length));
    }

    @Test
    void neverThrowsOnBadRanges() {
        assertFalse(rfc.verify(null, 0, 10));
        assertFalse(rfc.verify(RFC_5769_REQUEST, -1, 20));
        assertFalse(rfc.verify(RFC_5769_REQUEST, 100, 20));
        assertFalse(rfc.verify(RFC_5769_REQUEST, 0, RFC_5769_REQUEST.length + 1));
    }
}
