package dev.beam.media.rtp;

/** Builds RTP packets for tests. */
public final class RtpTestPackets {
    private RtpTestPackets() {
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** A 12-byte header and {@code payloadLength} bytes all equal to the low byte of {@code seq}. */
    public static byte[] packet(int seq, int payloadLength) {
        byte[] p = new byte[RtpPacket.FIXED_HEADER + payloadLength];
        RtpPacket.writeFixedHeader(p, 0, false, 96, seq, 90_000L * seq, 0x11223344L);
        for (int i = RtpPacket.FIXED_HEADER; i < p.length; i++) {
            p[i] = (byte) seq;
        }
        return p;
    }
}
