package dev.beam.media.receive;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.TransportCcRecorder;

/**
 * What the server tells a broadcaster about the media it receives, so that the broadcaster's
 * encoder and congestion control work as they would toward any good receiver:
 * <ul>
 *   <li>transport-wide congestion control feedback every {@value #TRANSPORT_CC_INTERVAL_MS} ms
 *       (draft-holmer-rmcat-transport-wide-cc-extensions-01), from which the browser estimates
 *       the bandwidth itself;</li>
 *   <li>receiver reports every {@value #REPORT_INTERVAL_MS} ms (RFC 3550 §6.4.2), one block per
 *       stream, with REMB (draft-alvestrand-rmcat-remb) carrying the configured ceiling;</li>
 *   <li>generic NACKs (RFC 4585 §6.2.1) per stream for what the server did not receive, retried
 *       once per measured round trip, one request per missing packet however many viewers miss
 *       it; a packet given up asks for a keyframe;</li>
 *   <li>pending keyframe requests sent again when no keyframe came.</li>
 * </ul>
 * Runs on the broadcaster's worker, as the receive path does; it only writes into the buffer it
 * is given, and the caller sends.
 */
public final class BroadcasterFeedback {
    static final long TRANSPORT_CC_INTERVAL_MS = 50;
    static final long REPORT_INTERVAL_MS = 1000;

    private final long senderSsrc;
    private final ReceiveStreams streams;
    private final TransportCcRecorder transportCc;
    private final long maxBitrateBps;
    private final MediaStats stats;
    private final long[] rembSsrcs = new long[ReceiveStreams.MAX_STREAMS];
    private long lastTransportCcMillis;
    private long lastReportMillis;

    /**
     * @param transportCc   arrivals recorded by the receive path, or null when not negotiated
     * @param maxBitrateBps the ceiling told in REMB, 0 for none
     */
    public BroadcasterFeedback(long senderSsrc, ReceiveStreams streams, TransportCcRecorder transportCc,
            long maxBitrateBps, MediaStats stats) {
        this.senderSsrc = senderSsrc;
        this.streams = streams;
        this.transportCc = transportCc;
        this.maxBitrateBps = maxBitrateBps;
        this.stats = stats;
    }

    /** Writes the RTCP due now as one compound packet into {@code dst}; its length, 0 if nothing is due. */
    public int write(byte[] dst, long nowMillis, long rttMillis) {
        ReceiveStream[] all = streams.all();
        int length = 0;
        if (nowMillis - lastReportMillis >= REPORT_INTERVAL_MS) {
            lastReportMillis = nowMillis;
            length += report(all, dst, length, nowMillis);
        }
        for (ReceiveStream stream : all) {
            NackGenerator nacks = stream.nacks();
            if (nacks == null) {
                continue;
            }
            if (rttMillis > 0) {
                nacks.setRttMillis(rttMillis);
            }
            int nack = nacks.writeNacks(dst, length, senderSsrc, stream.ssrc(), nowMillis);
            if (nack > 0) {
                stats.nacksSent.increment();
                length += nack;
            }
            if (nacks.keyframeNeeded()) {
                stream.requestKeyframe();
            }
        }
        if (transportCc != null && nowMillis - lastTransportCcMillis >= TRANSPORT_CC_INTERVAL_MS && all.length > 0) {
            lastTransportCcMillis = nowMillis;
            length += transportCc.writeFeedback(dst, length, senderSsrc, all[0].ssrc());
        }
        return length;
    }

    /** Sends again the keyframe requests that went unanswered. */
    public void retryKeyframeRequests() {
        for (ReceiveStream stream : streams.all()) {
            KeyframeRequester requests = stream.keyframeRequests();
            if (requests != null && requests.retryIfDue()) {
                stats.keyframeRequestsRetried.increment();
            }
        }
    }

    /** A sender report from the broadcaster (RFC 3550 §6.4.1): its time goes into our LSR. */
    public void senderReport(long ssrc, long ntpTimestamp, long nowMillis) {
        ReceiveStream stream = streams.find(ssrc);
        if (stream != null) {
            stream.statistics().recordSenderReport(ntpTimestamp, nowMillis);
        }
    }

    /** RR with a block per stream heard from, then REMB with the ceiling (RFC 3550 §6.1: RR first). */
    private int report(ReceiveStream[] all, byte[] dst, int off, long nowMillis) {
        int blocks = 0;
        for (ReceiveStream stream : all) {
            if (stream.statistics().packetsReceived() > 0 && blocks < 31) {
                rembSsrcs[blocks++] = stream.ssrc();
            }
        }
        if (blocks == 0 || dst.length - off < Rtcp.RR_HEADER + blocks * Rtcp.REPORT_BLOCK + 20 + 4 * blocks) {
            return 0;
        }
        int at = off + RtcpWriter.writeReceiverReport(dst, off, senderSsrc, blocks);
        for (int i = 0; i < blocks; i++) {
            at += streams.find(rembSsrcs[i]).statistics().writeReportBlock(dst, at, rembSsrcs[i], nowMillis);
        }
        if (maxBitrateBps > 0) {
            at += RtcpWriter.writeRemb(dst, at, senderSsrc, maxBitrateBps, java.util.Arrays.copyOf(rembSsrcs, blocks));
        }
        return at - off;
    }
}
