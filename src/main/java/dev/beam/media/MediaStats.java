package dev.beam.media;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The media plane's counters, cheap to bump from packet threads. The control plane reads them
 * for metrics; nothing here knows about MicroProfile.
 */
public final class MediaStats {
    /** Audio and video, for counters kept per kind. */
    public enum Kind { AUDIO, VIDEO }

    /** The media plane's limits, by the label the control plane reports refusals under. */
    public enum Limit {
        DTLS_HANDSHAKES("dtls-handshakes"),
        PENDING_SESSIONS("pending-sessions"),
        ICE_SOURCES("ice-sources"),
        TCP_CONNECTIONS("tcp-connections");

        private final String label;

        Limit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final LongAdder[] packetsIn = {new LongAdder(), new LongAdder()};
    private final LongAdder[] bytesIn = {new LongAdder(), new LongAdder()};
    private final LongAdder[] packetsOut = {new LongAdder(), new LongAdder()};
    private final LongAdder[] bytesOut = {new LongAdder(), new LongAdder()};
    public final LongAdder srtpFailures = new LongAdder();
    /** Packets sent to probe viewers' bandwidth, and probes whose delivered rate raised an estimate. */
    public final LongAdder probePackets = new LongAdder();
    /** NACKed packets not resent because the viewer's budget for retransmissions was spent. */
    public final LongAdder retransmissionsOverBudget = new LongAdder();
    public final LongAdder probesSucceeded = new LongAdder();
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
    /** The broadcaster's RTX packets unwrapped into their original stream (RFC 4588 §4). */
    public final LongAdder rtxRepairs = new LongAdder();
    /** The broadcaster's padding-only RTX packets (bandwidth probes): in transport-cc feedback, then dropped. */
    public final LongAdder rtxPaddingDrops = new LongAdder();
    /** The broadcaster's RTX packets whose stream is not known (or past the bound on RTX streams): dropped. */
    public final LongAdder rtxUnmappedDrops = new LongAdder();
    /** Datagrams on the media port that are none of STUN, DTLS, RTP or RTCP (RFC 7983). */
    public final LongAdder unknownPackets = new LongAdder();
    /** Datagrams from an address other than the one ICE selected for the session they reached. */
    public final LongAdder sourceDrops = new LongAdder();
    /** STUN requests from a new address that named no session or failed its integrity check. */
    public final LongAdder unauthenticatedDrops = new LongAdder();
    /** Frames not sent on a TCP connection whose send queue was full: the peer reads too slowly. */
    public final LongAdder tcpQueueDrops = new LongAdder();
    /**
     * TCP connections closed unheard: no Binding request that authenticates within the handshake
     * timeout, or a frame over the bound.
     */
    public final LongAdder tcpRejected = new LongAdder();
    private final LongAdder[] refused = newAdders(Limit.values().length);
    private volatile Consumer<String> refusals = limit -> { };
    public final LongAdder nacksReceived = new LongAdder();
    public final LongAdder retransmissions = new LongAdder();
    public final LongAdder retransmissionMisses = new LongAdder();
    public final LongAdder nacksSent = new LongAdder();

    private static LongAdder[] newAdders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

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

    /** A limit refused something; told to whoever listens, by the limit's label. */
    public void refused(Limit limit) {
        refused[limit.ordinal()].increment();
        refusals.accept(limit.label());
    }

    public long refusals(Limit limit) {
        return refused[limit.ordinal()].sum();
    }

    /** Who hears of refusals, for metrics; one listener, on the refusing thread. */
    public void onRefused(Consumer<String> listener) {
        refusals = listener;
    }

    public long bytesOut(Kind kind) {
        return bytesOut[kind.ordinal()].sum();
    }
}
