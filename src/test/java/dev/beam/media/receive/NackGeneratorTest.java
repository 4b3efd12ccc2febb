package dev.beam.media.receive;

import static dev.beam.media.rtp.RtpTestPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.media.rtp.Nacks;
import dev.beam.media.rtp.Rtcp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NackGeneratorTest {
    private static final long SENDER = 0x01020304L;
    private static final long MEDIA = 0xCAFEBABEL;

    private final FakeClock clock = new FakeClock();
    private final byte[] buf = new byte[1500];

    private static void receive(NackGenerator g, long now, int... seqs) {
        for (int s : seqs) {
            g.received(s, now);
        }
    }

    private byte[] nack(NackGenerator g) {
        int len = g.writeNacks(buf, 0, SENDER, MEDIA, clock.millis());
        return Arrays.copyOf(buf, len);
    }

    private static List<Integer> seqsOf(byte[] nack) {
        List<Integer> seqs = new ArrayList<>();
        Rtcp.forEach(nack, 0, nack.length, (b, o, l) -> Nacks.forEachNackedSeq(b, o, l, seqs::add));
        return seqs;
    }

    @Test
    void gapsBecomeOneNackWithPidAndBlp() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 100, 102, 103, 106);
        assertEquals(3, g.missingCount());
        // RFC 4585 §6.2.1 by hand: PID 101; 104 = PID+3 -> bit 2, 105 = PID+4 -> bit 3: BLP 0x000C.
        assertArrayEquals(bytes(
                0x81, 0xCD, 0x00, 0x03, // V=2 FMT=1, PT=205 RTPFB, length 3 -> 16 bytes
                0x01, 0x02, 0x03, 0x04, // SSRC of packet sender
                0xCA, 0xFE, 0xBA, 0xBE, // SSRC of media source
                0x00, 0x65, 0x00, 0x0C), nack(g));
        assertEquals(0, g.writeNacks(buf, 0, SENDER, MEDIA, clock.millis())); // not due again yet
    }

    @Test
    void farApartLossesTakeSeveralEntries() {
        NackGenerator g = new NackGenerator();
        // 2..18 missing (17 packets: PID 2, BLP all ones), 19 received, 20 and 40 missing.
        receive(g, clock.millis(), 1, 19);
        for (int s = 21; s < 40; s++) {
            g.received(s, clock.millis());
        }
        g.received(41, clock.millis());
        assertArrayEquals(bytes(
                0x81, 0xCD, 0x00, 0x05, // length 5 -> 24 bytes: 3 FCI entries
                0x01, 0x02, 0x03, 0x04,
                0xCA, 0xFE, 0xBA, 0xBE,
                0x00, 0x02, 0xFF, 0xFF, // PID 2, BLP 3..18
                0x00, 0x14, 0x00, 0x00, // PID 20
                0x00, 0x28, 0x00, 0x00), nack(g)); // PID 40
    }

    @Test
    void lateArrivalClearsTheRequest() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 10, 14);
        assertTrue(g.received(12, clock.millis()));
        assertFalse(g.received(12, clock.millis())); // duplicate
        assertEquals(List.of(11, 13), seqsOf(nack(g)));
        assertTrue(g.received(11, clock.millis())); // retransmission answered
        clock.elapse(Duration.ofMillis(100));
        assertEquals(List.of(13), seqsOf(nack(g)));
        assertEquals(2, g.recoveredCount());
    }

    @Test
    void retriesOncePerRtt() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 1, 3);
        assertEquals(List.of(2), seqsOf(nack(g)));
        clock.elapse(Duration.ofMillis(99));
        assertEquals(0, nack(g).length);
        clock.elapse(Duration.ofMillis(1));
        assertEquals(List.of(2), seqsOf(nack(g)));
        g.setRttMillis(300);
        clock.elapse(Duration.ofMillis(299));
        assertEquals(0, nack(g).length);
        clock.elapse(Duration.ofMillis(1));
        assertEquals(List.of(2), seqsOf(nack(g)));
    }

    @Test
    void entriesDueTogetherShareAPacketButNewOnesAreNotHeldBack() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 1, 3);
        nack(g);
        clock.elapse(Duration.ofMillis(50));
        receive(g, clock.millis(), 5);
        assertEquals(List.of(4), seqsOf(nack(g))); // 2 is not due; 4 is new
        clock.elapse(Duration.ofMillis(50));
        assertEquals(List.of(2), seqsOf(nack(g)));
    }

    @Test
    void givesUpAfterMaxRequestsAndFlagsAKeyframe() {
        NackGenerator g = new NackGenerator(3, 1000, 1000);
        receive(g, clock.millis(), 1, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(2), seqsOf(nack(g)));
            clock.elapse(Duration.ofMillis(100));
        }
        assertFalse(g.keyframeNeeded());
        assertEquals(0, nack(g).length); // one RTT after the third request: given up
        assertEquals(0, g.missingCount());
        assertEquals(1, g.givenUpCount());
        assertTrue(g.keyframeNeeded());
        assertFalse(g.keyframeNeeded()); // reading clears it
    }

    @Test
    void givesUpPacketsOlderThanMaxAge() {
        NackGenerator g = new NackGenerator(100, 1000, 1000);
        receive(g, clock.millis(), 1, 3);
        clock.elapse(Duration.ofMillis(999));
        assertEquals(List.of(2), seqsOf(nack(g)));
        clock.elapse(Duration.ofMillis(1));
        assertEquals(0, nack(g).length);
        assertEquals(1, g.givenUpCount());
        assertTrue(g.keyframeNeeded());
    }

    @Test
    void givesUpPacketsTooFarBehind() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 1, 3);
        nack(g);
        for (int s = 4; s <= 1002; s++) {
            g.received(s, clock.millis());
        }
        clock.elapse(Duration.ofMillis(100));
        assertEquals(List.of(2), seqsOf(nack(g))); // 1000 behind: still asked
        g.received(1003, clock.millis());
        clock.elapse(Duration.ofMillis(100));
        assertEquals(0, nack(g).length);
        assertEquals(1, g.givenUpCount());
    }

    @Test
    void wrapsAt65535() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 65533, 1);
        // 65534, 65535, 0: PID 65534 (0xFFFE), BLP bits 0 and 1.
        byte[] n = nack(g);
        assertArrayEquals(bytes(0xFF, 0xFE, 0x00, 0x03), Arrays.copyOfRange(n, 12, 16));
        assertEquals(List.of(65534, 65535, 0), seqsOf(n));
        assertTrue(g.received(65535, clock.millis()));
        clock.elapse(Duration.ofMillis(100));
        assertEquals(List.of(65534, 0), seqsOf(nack(g)));
    }

    @Test
    void aBigJumpIsAResetNotThousandsOfNacks() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 100, 102);
        receive(g, clock.millis(), 5102);
        assertEquals(0, nack(g).length);
        assertEquals(0, g.missingCount());
        assertEquals(1, g.givenUpCount()); // 101, outstanding before the jump
        assertEquals(1, g.resetCount());
        assertTrue(g.keyframeNeeded());
        receive(g, clock.millis(), 5104); // tracking goes on from the new position
        assertEquals(List.of(5103), seqsOf(nack(g)));
    }

    @Test
    void followsANumberingRestartBackwards() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 40000, 40001);
        g.received(30000, clock.millis()); // 10001 behind: a stray would be ignored...
        assertEquals(0, g.resetCount());
        g.received(30001, clock.millis()); // ...two in a row are a restart
        assertEquals(1, g.resetCount());
        g.received(30003, clock.millis());
        assertEquals(List.of(30002), seqsOf(nack(g)));
    }

    @Test
    void aWideGapJustInsideTheLimitFitsOnePacket() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 0, 1000); // 999 missing: 59 entries of up to 17
        byte[] n = nack(g);
        assertEquals(12 + 4 * 59, n.length);
        assertEquals(999, seqsOf(n).size());
    }

    @Test
    void entriesThatDoNotFitStayDue() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 1, 3, 30);
        byte[] small = new byte[16]; // room for one entry
        assertEquals(16, g.writeNacks(small, 0, SENDER, MEDIA, clock.millis()));
        assertEquals(List.of(2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18), seqsOf(small));
        assertEquals(16, g.writeNacks(small, 0, SENDER, MEDIA, clock.millis()));
        assertEquals(List.of(19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29), seqsOf(small));
        assertEquals(0, g.writeNacks(small, 0, SENDER, MEDIA, clock.millis()));
    }

    @Test
    void duplicatesAndInOrderPacketsRequestNothing() {
        NackGenerator g = new NackGenerator();
        receive(g, clock.millis(), 65534, 65535, 0, 1, 1, 2);
        assertEquals(0, g.missingCount());
        assertEquals(0, nack(g).length);
    }
}
