package dev.beam.loadgen;

import dev.beam.testpeer.RtpPackets;

/**
 * VP8-like video at a set bitrate and frame rate: each frame split into packets of at most
 * {@link #MAX_PAYLOAD} bytes, paced evenly across the frame's interval rather than sent in a
 * burst; a keyframe (three times a frame's share of the bitrate) every keyframe interval and on
 * request. 90 kHz timestamps (RFC 7741 §4.1), marker on a frame's last packet.
 */
final class SyntheticVideo {
    static final int MAX_PAYLOAD = 1200;
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    private static final int KEYFRAME_WEIGHT = 3;
    private static final int MIN_PAYLOAD = Vp8Payload.DESCRIPTOR + Vp8Payload.FRAME_TAG
            + Vp8Payload.KEYFRAME_EXTRA + PayloadStamp.LENGTH;

    private final int payloadType;
    private final long ssrc;
    private final int fps;
    private final int keyframeEvery;
    private final int keyframeBytes;
    private final int deltaBytes;
    private final long startNanos;
    private final int firstSequence;
    private final long firstTimestamp;

    private volatile boolean keyframeRequested;
    private long frame = -1;
    private long frameStartNanos;
    private boolean keyframe;
    private int frameBytes;
    private int packetsInFrame;
    private int packetInFrame;
    private long framesSinceKeyframe;
    private long packets;
    private long keyframes;

    SyntheticVideo(int payloadType, long ssrc, long bitrate, int fps, int keyframeIntervalSeconds,
                   long startNanos, int firstSequence, long firstTimestamp) {
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.fps = fps;
        this.keyframeEvery = Math.max(1, keyframeIntervalSeconds * fps);
        long average = bitrate / 8 / fps;
        // Keyframes are bigger; deltas give back the difference so a keyframe interval averages out.
        this.keyframeBytes = (int) Math.max(MIN_PAYLOAD, KEYFRAME_WEIGHT * average);
        this.deltaBytes = (int) Math.max(MIN_PAYLOAD, keyframeEvery > KEYFRAME_WEIGHT
                ? (average * keyframeEvery - keyframeBytes) / (keyframeEvery - 1) : average);
        this.startNanos = startNanos;
        this.firstSequence = firstSequence;
        this.firstTimestamp = firstTimestamp;
        nextFrame();
    }

    /** Asks for a keyframe next frame (a PLI or FIR came in); callable from any thread. */
    void requestKeyframe() {
        keyframeRequested = true;
    }

    /** When the next packet is due, on the System.nanoTime() scale. */
    long nextDueNanos() {
        return packetInFrame == 0 ? frameStartNanos
                : frameStartNanos + frameIntervalNanos() * packetInFrame / packetsInFrame;
    }

    /** The generator sequence number the next packet will carry. */
    long nextSequence() {
        return packets;
    }

    long keyframes() {
        return keyframes;
    }

    /** Writes the next packet, stamped {@code nowNanos}, into {@code dst}; returns its length. */
    int next(byte[] dst, long nowNanos) {
        boolean first = packetInFrame == 0;
        if (first) {
            beginFrame();
        }
        boolean last = packetInFrame == packetsInFrame - 1;
        int payload = frameBytes / packetsInFrame + (packetInFrame < frameBytes % packetsInFrame ? 1 : 0);
        long timestamp = firstTimestamp + frame * 90_000L / fps;
        RtpPackets.writeHeader(dst, 0, payloadType, (int) (firstSequence + packets) & 0xFFFF, timestamp & 0xFFFFFFFFL,
                ssrc, last);
        int at = 12 + Vp8Payload.write(dst, 12, first, keyframe, (int) frame & 0x7FFF, frameBytes / 2, WIDTH, HEIGHT);
        PayloadStamp.write(dst, at, PayloadStamp.VIDEO, packets, nowNanos);
        at += PayloadStamp.LENGTH;
        int end = 12 + payload;
        for (int i = at; i < end; i++) {
            dst[i] = (byte) i; // filler; SRTP encrypts it anyway
        }
        packets++;
        if (++packetInFrame == packetsInFrame) {
            nextFrame();
        }
        return end;
    }

    private void nextFrame() {
        frame++;
        frameStartNanos = startNanos + frame * 1_000_000_000L / fps;
        packetInFrame = 0;
    }

    /** Decided as the frame's first packet goes out, so a request just before it is honoured. */
    private void beginFrame() {
        keyframe = frame == 0 || framesSinceKeyframe + 1 >= keyframeEvery || keyframeRequested;
        if (keyframe) {
            keyframeRequested = false;
            framesSinceKeyframe = 0;
            keyframes++;
        } else {
            framesSinceKeyframe++;
        }
        frameBytes = keyframe ? keyframeBytes : deltaBytes;
        packetsInFrame = (frameBytes + MAX_PAYLOAD - 1) / MAX_PAYLOAD;
    }

    private long frameIntervalNanos() {
        return 1_000_000_000L / fps;
    }
}
