package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.Mutator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the media port parses itself, before any crypto, fuzzed with real packets of every kind
 * that shares the port (STUN, DTLS, RTP, RTCP), mutated, and random bytes: the RFC 7983 demux,
 * the STUN credential check that guards ice4j, and the ClientHello detection that starts a
 * handshake. None may throw, and each must keep its contract for every input.
 */
class TransportFuzzTest {
    private static final int CASES = 60_000;

    @Test
    void theDemuxNeverThrowsAndOnlyNamesAKindWhoseHeaderFits() throws IOException {
        Mutator mutator = new Mutator(0x5EED_0003L, allKinds());
        for (int i = 0; i < CASES; i++) {
            byte[] p = mutator.next();
            int off = p.length > 0 ? i % Math.min(p.length, 4) : 0;
            int len = p.length - off;
            PacketKind kind = PacketClassifier.classify(p, off, len);
            assertTrue(len >= minimum(kind), kind + " of " + len + " bytes");
            if (kind == PacketKind.RTP || kind == PacketKind.RTCP) {
                assertEquals(kind == PacketKind.RTCP, PacketClassifier.isRtcp(p, off, len));
            }
        }
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(new byte[4], 2, 3));
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(new byte[4], -1, 2));
    }

    @Test
    void theStunCheckNeverThrowsAndAcceptsNothingMutatedBeforeItsIntegrity() {
        byte[] original = StunCredentialsTest.RFC_5769_REQUEST;
        StunCredentials credentials = new StunCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBt");
        Mutator mutator = new Mutator(0x5EED_0004L, List.of(original));
        int covered = original.length - 8; // FINGERPRINT follows MESSAGE-INTEGRITY
        for (int i = 0; i < CASES; i++) {
            byte[] p = mutator.next();
            boolean accepted = credentials.verify(p, 0, p.length);
            if (accepted) {
                // The length field (bytes 2-3) is not signed as sent: RFC 8489 §14.5 has it rewritten
                // to end at MESSAGE-INTEGRITY for the HMAC, so a message may declare more after it.
                assertTrue(p.length >= covered && Arrays.equals(p, 0, 2, original, 0, 2)
                        && Arrays.equals(p, 4, covered, original, 4, covered), "only the signed bytes as signed pass");
            }
        }
    }

    @Test
    void clientHelloDetectionNeverThrows() throws IOException {
        Mutator mutator = new Mutator(0x5EED_0005L, allKinds());
        for (int i = 0; i < CASES; i++) {
            byte[] p = mutator.next();
            if (DtlsRecords.isClientHello(p, 0, p.length)) {
                assertEquals(PacketKind.DTLS, PacketClassifier.classify(p, 0, p.length));
            }
        }
        assertFalse(DtlsRecords.isClientHello(new byte[30], 20, 20));
    }

    private static int minimum(PacketKind kind) {
        return switch (kind) {
            case STUN -> PacketClassifier.MIN_STUN;
            case DTLS -> PacketClassifier.MIN_DTLS;
            case RTP -> PacketClassifier.MIN_RTP;
            case RTCP -> PacketClassifier.MIN_RTCP;
            case ZRTP -> PacketClassifier.MIN_ZRTP;
            case TURN_CHANNEL -> PacketClassifier.MIN_TURN_CHANNEL;
            default -> 0;
        };
    }

    private static List<byte[]> allKinds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(StunCredentialsTest.RFC_5769_REQUEST);
        seeds.add(DtlsRecordsTest.CLIENT_HELLO);
        seeds.addAll(dev.beam.media.rtp.FuzzSeeds.rtp());
        seeds.addAll(dev.beam.media.rtp.FuzzSeeds.rtcp());
        return seeds;
    }
}
