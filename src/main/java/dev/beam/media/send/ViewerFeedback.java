package dev.beam.media.send;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.rtp.Nacks;
import dev.beam.media.rtp.NtpTime;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpFeedback;
import dev.beam.media.rtp.RtcpReports;
import dev.beam.media.rtp.TransportCcFeedback;
import java.util.function.LongSupplier;

/**
 * What a viewer's RTCP says, routed by SSRC to the send stream it concerns: a generic NACK
 * (RFC 4585 §6.2.1) is answered from the broadcaster's history, a PLI or FIR (RFC 4585 §6.3.1,
 * RFC 5104 §4.3.1) asks the broadcaster for a keyframe, a report block (RFC 3550 §6.4.2) tells
 * loss, jitter and the round trip; transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01 §3.1) goes to the viewer's bandwidth estimate. Runs on the viewer's worker, one
 * compound at a time.
 */
public final class ViewerFeedback {
    /** Resends one packet the viewer asked for again. */
    @FunctionalInterface
    public interface Resender {
        /** False when the packet is no longer held. */
        boolean resend(SendStream stream, int viewerSeq);
    }

    /** What a retransmission is taken to cost before it is copied: a full video packet. */
    private static final int TYPICAL_VIDEO_PACKET = 1200;

    private final SendStream[] streams;
    private final Resender resender;
    private final MediaStats stats;
    private final ViewerBandwidth bandwidth;
    private final LongSupplier nanoTime;
    private final Rtcp.RtcpVisitor visitor = this::packet;
    private long nowMillis;
    private boolean keyframeWanted;

    public ViewerFeedback(SendStream[] streams, Resender resender, MediaStats stats) {
        this(streams, resender, stats, null, () -> 0);
    }

    /** @param bandwidth the viewer's estimate, fed by its transport-cc feedback; null where not negotiated */
    public ViewerFeedback(SendStream[] streams, Resender resender, MediaStats stats, ViewerBandwidth bandwidth,
            LongSupplier nanoTime) {
        this.streams = streams.clone();
        this.resender = resender;
        this.stats = stats;
        this.bandwidth = bandwidth;
        this.nanoTime = nanoTime;
    }

    /** Handles one decrypted compound packet; {@code wallMillis} is the server's wall clock, for RTT. */
    public void handle(byte[] buf, int off, int len, long wallMillis) {
        nowMillis = wallMillis;
        Rtcp.forEach(buf, off, len, visitor);
    }

    private void packet(byte[] buf, int at, int length) {
        int type = Rtcp.packetType(buf, at);
        if (type == Rtcp.RR || type == Rtcp.SR) {
            reports(buf, at);
        } else if (RtcpFeedback.isNack(buf, at)) {
            SendStream stream = named(Rtcp.mediaSsrc(buf, at));
            if (stream != null) {
                stats.nacksReceived.increment();
                keyframeWanted = false;
                Nacks.forEachNackedSeq(buf, at, length, seq -> resend(stream, seq));
                if (keyframeWanted) {
                    requestKeyframe(stream);
                }
            }
        } else if (bandwidth != null && TransportCcFeedback.isTransportCc(buf, at, length)) {
            bandwidth.feedback(buf, at, length, nanoTime.getAsLong());
        } else if (RtcpFeedback.isPli(buf, at)) {
            requestKeyframe(named(Rtcp.mediaSsrc(buf, at)));
        } else if (RtcpFeedback.isFir(buf, at)) {
            for (int i = 0; i < RtcpFeedback.firEntryCount(buf, at, length); i++) {
                requestKeyframe(named(RtcpFeedback.firEntrySsrc(buf, at, i)));
            }
        }
    }

    private void resend(SendStream stream, int seq) {
        if (!stream.mayResend(seq, nowMillis)) {
            return;
        }
        if (bandwidth != null && !bandwidth.mayRetransmit(TYPICAL_VIDEO_PACKET, nanoTime.getAsLong())) {
            stats.retransmissionsOverBudget.increment(); // not a miss: the picture needs no keyframe for it
            return;
        }
        if (resender.resend(stream, seq)) {
            stats.retransmissions.increment();
        } else {
            stats.retransmissionMisses.increment();
            keyframeWanted = true; // what the viewer misses cannot be repaired: start it afresh
        }
    }

    private void reports(byte[] buf, int at) {
        long now = NtpTime.middle32(NtpTime.fromMillis(nowMillis));
        for (int i = 0; i < Rtcp.count(buf, at); i++) {
            int block = RtcpReports.reportBlockOffset(buf, at, i);
            SendStream stream = named(RtcpReports.rbSsrc(buf, block));
            if (stream == null) {
                continue;
            }
            long rtt = RtcpReports.rttMillis(RtcpReports.rbLastSr(buf, block), RtcpReports.rbDelaySinceLastSr(buf, block), now);
            if (rtt >= 0 && bandwidth != null) {
                bandwidth.roundTrip(rtt);
            }
            stream.reported(new ViewerReport(RtcpReports.rbFractionLost(buf, block) / 256.0,
                    RtcpReports.rbCumulativeLost(buf, block),
                    RtcpReports.rbJitter(buf, block) * 1000.0 / stream.track().clockRate(),
                    rtt >= 0 ? rtt : stream.report().rttMillis()));
        }
    }

    private static void requestKeyframe(SendStream stream) {
        ReceiveStream source = stream == null ? null : stream.keyframeSource();
        if (source != null) {
            source.requestKeyframe();
        }
    }

    private SendStream named(long ssrc) {
        for (SendStream stream : streams) {
            if (stream.isNamedBy(ssrc)) {
                return stream;
            }
        }
        return null;
    }
}
