package dev.beam.media;

import java.util.concurrent.atomic.LongAdder;

/**
 * The media plane's counters, cheap to bump from packet threads. The control plane reads them
 * for metrics; nothing here knows about MicroProfile.
 */
public final class MediaStats {
    /** Audio and video, for counters kept per kind. */
    public enum Kind { AUDIO, VIDEO }

    private final LongAdder[] packetsIn = {new LongAdder(), new LongAdder()};
    private final LongAdder[] bytesIn = {new LongAdder(), new LongAdder()};
    private final LongAdder[] packetsOut = {new LongAdder(), new LongAdder()};
    private final LongAdder[] bytesOut = {new LongAdder(), new LongAdder()};
    public final LongAdder srtpFailures = new LongAdder();
    public final LongAdder keyframeRequestsSent = new LongAdder();
    public final LongAdder keyframeRequestsAbsorbed = new LongAdder();
    public final LongAdder keyframeRequestsRetried = new LongAdder();
    public final LongAdder dtlsHandshakes = new LongAdder();
    public final LongAdder dtlsFailures = new LongAdder();
    public final LongAdder iceConnections = new LongAdder();
    public final LongAdder iceFailures = new LongAdder();
    public final LongAdder consentExpiries = new LongAdder();
    public final LongAdder consentChecks = new LongAdder();
    /** Packet-viewer pairs not sent: a shard's queue full, or a send failed. */
    public final LongAdder forwardDrops = new LongAdder();
    /** Packets dropped because they waited longer than the media delay bound in a queue. */
    public final LongAdder staleDrops = new LongAdder();
    /** Packets dropped on arrival: no free buffer, or the peer's queue full. */
    public final LongAdder receiveDrops = new LongAdder();
    /** Packets refused by the receive path: not SRTP of a negotiated stream, or duplicates. */
    public final LongAdder refusedPackets = new LongAdder();
    /** Datagrams on the media port that are none of STUN, DTLS, RTP or RTCP (RFC 7983). */
    public final LongAdder unknownPackets = new LongAdder();
    public final LongAdder nacksReceived = new LongAdder();
    public final LongAdder retransmissions = new LongAdder();
    public final LongAdder retransmissionMisses = new LongAdder();
    public final LongAdder nacksSent = new LongAdder();

    public void received(Kind kind, int bytes) {
        packetsIn[kind.ordinal()].increment();
        bytesIn[kind.ordinal()].add(bytes);
    }

    public void sent(Kind kind, int bytes) {
        packetsOut[kind.ordinal()].increment();
        bytesOut[kind.ordinal()].add(bytes);
    }

    public long packetsIn(Kind kind) {
        return packetsIn[kind.ordinal()].sum();
    }

    public long bytesIn(Kind kind) {
        return bytesIn[kind.ordinal()].sum();
    }

    public long packetsOut(Kind kind) {
        return packetsOut[kind.ordinal()].sum();
    }

    public long bytesOut(Kind kind) {
        return bytesOut[kind.ordinal()].sum();
    }
}
