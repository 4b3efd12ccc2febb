package dev.beam.media.rtp;

/**
 * RTP packets around a video payload for the payload descriptor tests: one CSRC and a one-byte
 * header extension before the payload, so that every accessor has to find where it starts.
 */
final class VideoPackets {
    /** Where the payload starts in {@link #rtp}'s packets: 12 fixed, 4 CSRC, 4 + 4 extension. */
    static final int PAYLOAD = 24;

    private VideoPackets() {
    }

    static byte[] rtp(int seq, byte[]... payload) {
        byte[] body = TestBytes.concat(payload);
        byte[] p = new byte[PAYLOAD + body.length];
        RtpPacket.writeFixedHeader(p, 0, false, 96, seq, seq * 3000L, 0x0BEA_0001L);
        p[0] = (byte) 0x91; // V=2, X=1, CC=1
        p[15] = 7; // CSRC 7
        p[16] = (byte) 0xBE; // RFC 8285 §4.2 one-byte form, one word: MID "0", padding
        p[17] = (byte) 0xDE;
        p[19] = 1;
        p[20] = 0x10;
        p[21] = '0';
        System.arraycopy(body, 0, p, PAYLOAD, body.length);
        return p;
    }

    /** The packet's payload, to compare with what a test expects written. */
    static byte[] payload(byte[] packet) {
        return java.util.Arrays.copyOfRange(packet, PAYLOAD, packet.length);
    }
}
