package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PLI and FIR in the layouts of RFC 4585 §6.3.1 and RFC 5104 §4.3.1, alone and in compounds. */
class KeyframeRequestsTest {
    private static final long VIDEO = 0x22222222L;

    private static final byte[] PLI = {
        (byte) 0x81, (byte) 206, 0x00, 0x02, // V=2 FMT=1 (PLI), PT=206 (PSFB), length 2
        0x00, 0x00, 0x5E, (byte) 0xED,       // SSRC of packet sender
        0x22, 0x22, 0x22, 0x22,              // SSRC of media source
    };

    private static final byte[] FIR = {
        (byte) 0x84, (byte) 206, 0x00, 0x04, // V=2 FMT=4 (FIR), PT=206, length 4
        0x00, 0x00, 0x5E, (byte) 0xED,       // SSRC of packet sender
        0x00, 0x00, 0x00, 0x00,              // SSRC of media source: unused, 0 (RFC 5104 §4.3.1.2)
        0x22, 0x22, 0x22, 0x22,              // FCI entry: SSRC
        0x07, 0x00, 0x00, 0x00,              //            Seq nr. 7, reserved
    };

    private static final byte[] RR = {
        (byte) 0x80, (byte) 201, 0x00, 0x01, // empty receiver report
        0x00, 0x00, 0x5E, (byte) 0xED,
    };

    @Test
    void aPliOrFirForTheVideoIsARequest() {
        assertTrue(KeyframeRequests.asksFor(PLI, 0, PLI.length, VIDEO));
        assertTrue(KeyframeRequests.asksFor(FIR, 0, FIR.length, VIDEO));
        assertFalse(KeyframeRequests.asksFor(PLI, 0, PLI.length, 0x11111111L), "another stream's");
    }

    @Test
    void foundInsideACompoundPacket() {
        byte[] compound = new byte[RR.length + PLI.length];
        System.arraycopy(RR, 0, compound, 0, RR.length);
        System.arraycopy(PLI, 0, compound, RR.length, PLI.length);
        assertTrue(KeyframeRequests.asksFor(compound, 0, compound.length, VIDEO));
        assertFalse(KeyframeRequests.asksFor(RR, 0, RR.length, VIDEO));
    }

    @Test
    void malformedPacketsAskForNothing() {
        assertFalse(KeyframeRequests.asksFor(PLI, 0, 8, VIDEO), "truncated");
        byte[] lying = PLI.clone();
        lying[3] = 9; // claims more words than there are
        assertFalse(KeyframeRequests.asksFor(lying, 0, lying.length, VIDEO));
        assertFalse(KeyframeRequests.asksFor(new byte[0], 0, 0, VIDEO));
    }
}
