package dev.beam.loadgen;

import dev.beam.testpeer.RtpPackets;

/** Opus-like audio: a 20 ms packet 50 times a second, 100-160 bytes, 48 kHz timestamps (RFC 7587 §4.1). */
final class SyntheticAudio {
    static final long PACKET_NANOS = 20_000_000L;
    private static final int SAMPLES_PER_PACKET = 960;

    private final int payloadType;
    private final long ssrc;
    private final long startNanos;
    private final int firstSequence;
    private final long firstTimestamp;
    private long packets;

    SyntheticAudio(int payloadType, long ssrc, long startNanos, int firstSequence, long firstTimestamp) {
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.startNanos = startNanos;
        this.firstSequence = firstSequence;
        this.firstTimestamp = firstTimestamp;
    }

    long nextDueNanos() {
        return startNanos + packets * PACKET_NANOS;
    }

    long nextSequence() {
        return packets;
    }

    /** Writes the next packet, stamped {@code nowNanos}; returns its length. */
    int next(byte[] dst, long nowNanos) {
        RtpPackets.writeHeader(dst, 0, payloadType, (int) (firstSequence + packets) & 0xFFFF,
                (firstTimestamp + packets * SAMPLES_PER_PACKET) & 0xFFFFFFFFL, ssrc, false);
        dst[12] = (byte) PayloadStamp.OPUS_TOC;
        PayloadStamp.write(dst, 13, PayloadStamp.AUDIO, packets, nowNanos);
        int payload = 100 + (int) (packets * 37 % 61); // 100..160, varying as speech does
        for (int i = 13 + PayloadStamp.LENGTH; i < 12 + payload; i++) {
            dst[i] = (byte) i;
        }
        packets++;
        return 12 + payload;
    }
}
