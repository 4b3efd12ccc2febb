package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacketClassifierTest {

    private static PacketKind first(int b0) {
        byte[] p = new byte[32];
        p[0] = (byte) b0;
        p[1] = 96; // an RTP payload type, so 128..191 reads as RTP
        return PacketClassifier.classify(p, 0, p.length);
    }

    @Test
    void everyRfc7983BoundaryOfTheFirstByte() {
        assertEquals(PacketKind.STUN, first(0));
        assertEquals(PacketKind.STUN, first(3));
        assertEquals(PacketKind.UNKNOWN, first(4));
        assertEquals(PacketKind.UNKNOWN, first(15));
        assertEquals(PacketKind.ZRTP, first(16));
        assertEquals(PacketKind.ZRTP, first(19));
        assertEquals(PacketKind.DTLS, first(20));
        assertEquals(PacketKind.DTLS, first(63));
        assertEquals(PacketKind.TURN_CHANNEL, first(64));
        assertEquals(PacketKind.TURN_CHANNEL, first(79));
        assertEquals(PacketKind.UNKNOWN, first(80));
        assertEquals(PacketKind.UNKNOWN, first(127));
        assertEquals(PacketKind.RTP, first(128));
        assertEquals(PacketKind.RTP, first(191));
        assertEquals(PacketKind.UNKNOWN, first(192));
        assertEquals(PacketKind.UNKNOWN, first(255));
    }

    @Test
    void secondByteSeparatesRtcpFromRtpPerRfc5761() {
        byte[] p = new byte[32];
        p[0] = (byte) 0x80;
        int[][] cases = {{191, 0}, {192, 1}, {200, 1}, {206, 1}, {223, 1}, {224, 0}, {0, 0},
                {0x80 | 96, 0}, {127, 0}};
        for (int[] c : cases) {
            p[1] = (byte) c[0];
            PacketKind want = c[1] == 1 ? PacketKind.RTCP : PacketKind.RTP;
            assertEquals(want, PacketClassifier.classify(p, 0, p.length), "byte1 = " + c[0]);
        }
    }

    @Test
    void tooShortForItsKindIsUnknown() {
        byte[] p = new byte[32];
        p[0] = 0x00; // STUN needs its 20-byte header
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 19));
        assertEquals(PacketKind.STUN, PacketClassifier.classify(p, 0, 20));
        p[0] = 22; // DTLS handshake record needs 13 bytes
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 12));
        assertEquals(PacketKind.DTLS, PacketClassifier.classify(p, 0, 13));
        p[0] = 0x40; // ChannelData needs 4
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 3));
        assertEquals(PacketKind.TURN_CHANNEL, PacketClassifier.classify(p, 0, 4));
        p[0] = 0x10; // ZRTP needs 12
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 11));
        p[0] = (byte) 0x80;
        p[1] = 96; // RTP needs 12
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 1));
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 11));
        assertEquals(PacketKind.RTP, PacketClassifier.classify(p, 0, 12));
        p[1] = (byte) 201; // RTCP needs 8
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 7));
        assertEquals(PacketKind.RTCP, PacketClassifier.classify(p, 0, 8));
    }

    @Test
    void honoursOffsetAndRejectsBadRanges() {
        byte[] p = new byte[40];
        p[8] = (byte) 0x80;
        p[9] = (byte) 200;
        assertEquals(PacketKind.RTCP, PacketClassifier.classify(p, 8, 32));
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 8, 33));
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, -1, 8));
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(p, 0, 0));
        assertEquals(PacketKind.UNKNOWN, PacketClassifier.classify(null, 0, 8));
    }
}
