package dev.beam.media.forward;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.ReceiveStatistics;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.TransportCcRecorder;

/**
 * What the server tells a broadcaster about the media it receives, so that the broadcaster's
 * encoder and congestion control work as they would toward any good receiver:
 * <ul>
 *   <li>transport-wide congestion control feedback every {@value #TRANSPORT_CC_INTERVAL_MS} ms
 *       (draft-holmer-rmcat-transport-wide-cc-extensions-01), from which the browser estimates
 *       the bandwidth itself;</li>
 *   <li>receiver reports every {@value #REPORT_INTERVAL_MS} ms (RFC 3550 §6.4.2) with REMB
 *       (draft-alvestrand-rmcat-remb) carrying the configured ceiling;</li>
 *   <li>generic NACKs (RFC 4585 §6.2.1) for video the server did not receive, one request per
 *       missing packet however many viewers miss it, and a keyframe request when a packet is
 *       given up.</li>
 * </ul>
 * Packets arrive on the broadcaster's receive thread; {@link #tick} runs on the media timer and
 * only writes into the buffer it is given: the caller sends after it returns. All times here are
 * on one monotonic clock (microseconds for arrivals, milliseconds otherwise).
 */
final class SourceFeedback {
    static final long TRANSPORT_CC_INTERVAL_MS = 100;
    static final long REPORT_INTERVAL_MS = 1000;
    private static final int AUDIO_CLOCK_RATE = 48_000;
    private static final int VIDEO_CLOCK_RATE = 90_000;

    private final long senderSsrc;
    private final int transportCcExtensionId;
    private final long maxBitrateBps;
    private final TransportCcRecorder transportCc = new TransportCcRecorder();
    private final ReceiveStatistics[] statistics = {new ReceiveStatistics(), new ReceiveStatistics()};
    private final long[] ssrcs = {-1, -1};
    private final NackGenerator nacks = new NackGenerator();
    private long lastTransportCcMillis;
    private long lastReportMillis;

    SourceFeedback(long senderSsrc, int transportCcExtensionId, long maxBitrateBps) {
        this.senderSsrc = senderSsrc;
        this.transportCcExtensionId = transportCcExtensionId;
        this.maxBitrateBps = maxBitrateBps;
    }

    /** A packet from the broadcaster, decrypted and of a known kind. */
    synchronized void received(MediaStats.Kind kind, byte[] buf, int off, int len, long nowMicros) {
        if (transportCcExtensionId > 0) {
            transportCc.recordPacket(buf, off, len, transportCcExtensionId, nowMicros);
        }
        int index = kind.ordinal();
        ssrcs[index] = RtpPacket.ssrc(buf, off);
        int clockRate = kind == MediaStats.Kind.AUDIO ? AUDIO_CLOCK_RATE : VIDEO_CLOCK_RATE;
        int seq = RtpPacket.sequenceNumber(buf, off);
        statistics[index].packetReceived(seq, RtpPacket.timestamp(buf, off), nowMicros * clockRate / 1_000_000);
        if (kind == MediaStats.Kind.VIDEO) {
            nacks.received(seq, nowMicros / 1000);
        }
    }

    /** A sender report from the broadcaster: its time goes into the LSR of later reports. */
    synchronized void senderReport(long ssrc, long ntpTimestamp, long nowMillis) {
        for (int i = 0; i < ssrcs.length; i++) {
            if (ssrcs[i] == ssrc) {
                statistics[i].recordSenderReport(ntpTimestamp, nowMillis);
            }
        }
    }

    /** The kind of the broadcaster's stream with this SSRC, or null. */
    synchronized MediaStats.Kind kindOf(long ssrc) {
        for (MediaStats.Kind kind : MediaStats.Kind.values()) {
            if (ssrcs[kind.ordinal()] == ssrc) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Writes the RTCP due now into {@code dst} as one compound packet and returns its length
     * (0: nothing due). Sets {@code keyframeNeeded[0]} when a lost packet was given up.
     */
    synchronized int tick(byte[] dst, long nowMillis, MediaStats stats, boolean[] keyframeNeeded) {
        int length = 0;
        if (nowMillis - lastReportMillis >= REPORT_INTERVAL_MS) {
            lastReportMillis = nowMillis;
            length += report(dst, length, nowMillis);
        }
        long videoSsrc = ssrcs[MediaStats.Kind.VIDEO.ordinal()];
        if (videoSsrc >= 0) {
            int nack = nacks.writeNacks(dst, length, senderSsrc, videoSsrc, nowMillis);
            if (nack > 0) {
                stats.nacksSent.increment();
            }
            length += nack;
            keyframeNeeded[0] = nacks.keyframeNeeded();
        }
        if (transportCcExtensionId > 0 && nowMillis - lastTransportCcMillis >= TRANSPORT_CC_INTERVAL_MS) {
            lastTransportCcMillis = nowMillis;
            long mediaSsrc = videoSsrc >= 0 ? videoSsrc : Math.max(0, ssrcs[MediaStats.Kind.AUDIO.ordinal()]);
            length += transportCc.writeFeedback(dst, length, senderSsrc, mediaSsrc);
        }
        return length;
    }

    /** RR with a block per stream heard from, then REMB with the ceiling (RFC 3550 §6.1: RR first). */
    private int report(byte[] dst, int off, long nowMillis) {
        int blocks = 0;
        for (ReceiveStatistics stream : statistics) {
            if (stream.packetsReceived() > 0) {
                blocks++;
            }
        }
        if (blocks == 0) {
            return 0;
        }
        int at = off + RtcpWriter.writeReceiverReport(dst, off, senderSsrc, blocks);
        for (int i = 0; i < statistics.length; i++) {
            if (statistics[i].packetsReceived() > 0) {
                at += statistics[i].writeReportBlock(dst, at, ssrcs[i], nowMillis);
            }
        }
        if (maxBitrateBps > 0) {
            int streams = 0;
            long[] reported = new long[blocks];
            for (long ssrc : ssrcs) {
                if (ssrc >= 0) {
                    reported[streams++] = ssrc;
                }
            }
            at += RtcpWriter.writeRemb(dst, at, senderSsrc, maxBitrateBps, reported);
        }
        return at - off;
    }
}
