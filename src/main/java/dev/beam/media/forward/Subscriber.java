package dev.beam.media.forward;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.ExtensionElements;
import dev.beam.media.rtp.NtpTime;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.RtpHeaderWriter;
import dev.beam.media.transport.PacketSender;
import dev.beam.media.transport.SrtpTransformer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One viewer of a {@link Broadcast}: rewrites each forwarded packet for it (payload type, SSRC,
 * header extensions) in one copy, encrypts and sends; answers its NACKs from the broadcast's
 * history, as RTX where it negotiated that; and turns its PLI/FIR into keyframe requests to the
 * broadcaster. Media flows only once the viewer has resumed.
 */
public final class Subscriber {
    private static final byte[] CNAME = "beam".getBytes(StandardCharsets.US_ASCII);
    /** Sequence numbers one RTCP packet can NACK: each entry is a PID and 16 bits of BLP (RFC 4585 §6.2.1). */
    private static final int MAX_NACKED = Nacks.MAX_ENTRIES * 17;

    private final String peerId;
    private final PacketSender transport;
    private final ViewerTrack[] tracks = new ViewerTrack[MediaStats.Kind.values().length];
    private final ExtensionElements[] extensions = new ExtensionElements[MediaStats.Kind.values().length];
    private final RetransmissionThrottle retransmissions = new RetransmissionThrottle();
    /**
     * For a viewer without RTX: its video as sent, encrypted, so that a NACK is answered with
     * the very same SRTP packet (RFC 4585 §6.2.1) rather than a second encryption under one index.
     */
    private final PacketHistory sentVideo;
    /** RTCP-thread buffers for retransmissions: the stored packet, then the RTX built from it. */
    private final byte[] resendScratch = new byte[Broadcast.PACKET_SIZE];
    private final byte[] rtxScratch = new byte[Broadcast.PACKET_SIZE + 2];
    private final int[] nacked = new int[MAX_NACKED];
    private int nackedCount;
    /** RFC 4588 §4: the RTX stream's own sequence numbers, from a random start. */
    private int rtxSequence = new SecureRandom().nextInt(1 << 16);
    /** What was sent to this viewer per kind, for its sender reports (RFC 3550 §6.4.1). */
    private final AtomicLongArray sentPackets = new AtomicLongArray(MediaStats.Kind.values().length);
    private final AtomicLongArray sentOctets = new AtomicLongArray(MediaStats.Kind.values().length);
    private final byte[] reportScratch = new byte[Rtcp.SR_LENGTH + 64 + SrtpTransformer.MAX_OVERHEAD];
    private volatile ViewerReport report = ViewerReport.NONE;
    private volatile Broadcast broadcast;
    private volatile boolean resumed;

    public Subscriber(String peerId, PacketSender transport, List<ViewerTrack> viewerTracks) {
        this.peerId = peerId;
        this.transport = transport;
        for (ViewerTrack track : viewerTracks) {
            tracks[track.kind().ordinal()] = track;
            extensions[track.kind().ordinal()] = track.extensions();
        }
        ViewerTrack video = tracks[MediaStats.Kind.VIDEO.ordinal()];
        sentVideo = video != null && video.rtxPayloadType() == 0 ? new PacketHistory() : null;
    }

    public String peerId() {
        return peerId;
    }

    void attach(Broadcast broadcast) {
        this.broadcast = broadcast;
    }

    /** Starts the flow to this viewer, with a keyframe so that its first frame comes quickly. */
    public void resume() {
        resumed = true;
        Broadcast current = broadcast;
        if (current != null) {
            current.requestKeyframe();
        }
    }

    /** Called when the transport connects: a viewer resumed before that still needs its keyframe. */
    public void connected() {
        Broadcast current = broadcast;
        if (resumed && current != null) {
            current.requestKeyframe();
        }
    }

    /**
     * Sends one packet of the broadcast to this viewer, built in {@code scratch}, which the
     * caller owns and which has room for the packet plus SRTP's overhead.
     */
    void forward(MediaStats.Kind kind, byte[] buf, int len, int payloadLength, byte[] scratch, MediaStats stats) {
        ViewerTrack track = tracks[kind.ordinal()];
        if (!resumed || track == null || !transport.isConnected()) {
            return;
        }
        int length = RtpHeaderWriter.rewrite(buf, 0, len, scratch, 0, track.payloadType(), track.ssrc(),
                extensions[kind.ordinal()]);
        int sent = length > 0 ? transport.sendRtp(scratch, 0, length) : -1;
        if (sent > 0) {
            if (kind == MediaStats.Kind.VIDEO && sentVideo != null) {
                sentVideo.store(scratch, 0, sent);
            }
            stats.sent(kind, length);
            sentPackets.incrementAndGet(kind.ordinal());
            sentOctets.addAndGet(kind.ordinal(), payloadLength);
        } else {
            stats.forwardDrops.increment();
        }
    }

    /**
     * RTCP from the viewer: a PLI or FIR for its video asks the broadcaster for a keyframe
     * (RFC 4585 §6.3.1, RFC 5104 §4.3.1); a generic NACK (RFC 4585 §6.2.1) is answered from the
     * history. Runs on the viewer's receive thread, one packet at a time.
     */
    public synchronized void onRtcp(byte[] buf, int off, int len) {
        ViewerTrack video = tracks[MediaStats.Kind.VIDEO.ordinal()];
        Broadcast current = broadcast;
        if (video == null || current == null) {
            return;
        }
        boolean[] wantsKeyframe = new boolean[1];
        nackedCount = 0;
        Rtcp.forEach(buf, off, len, (packet, at, length) -> {
            if ((Rtcp.isPli(packet, at) || Rtcp.isFir(packet, at)) && asksFor(packet, at, length, video.ssrc())) {
                wantsKeyframe[0] = true;
            } else if (Rtcp.packetType(packet, at) == Rtcp.RR || Rtcp.packetType(packet, at) == Rtcp.SR) {
                receiverReport(packet, at, video, current.clock().millis());
            } else if (Rtcp.isNack(packet, at) && Rtcp.mediaSsrc(packet, at) == video.ssrc()) {
                Nacks.forEachNackedSeq(packet, at, length, seq -> {
                    if (nackedCount < nacked.length) {
                        nacked[nackedCount++] = seq;
                    }
                });
            }
        });
        if (nackedCount > 0 && !resend(current, video)) {
            wantsKeyframe[0] = true;
        }
        if (wantsKeyframe[0]) {
            current.requestKeyframe();
        }
    }

    /**
     * Resends what the viewer asked for, each packet at most once per round trip; false if
     * something it needs is no longer held. With RTX (RFC 4588) the stored plaintext goes out on
     * the viewer's RTX stream; without, the very SRTP packet it was first sent.
     */
    private boolean resend(Broadcast current, ViewerTrack video) {
        MediaStats stats = current.stats();
        stats.nacksReceived.increment();
        long now = current.clock().millis();
        boolean complete = true;
        for (int i = 0; i < nackedCount; i++) {
            if (!retransmissions.shouldResend(nacked[i], now)) {
                continue;
            }
            boolean sent = video.rtxPayloadType() > 0 ? resendAsRtx(current, video, nacked[i]) : resendAsSent(nacked[i]);
            if (sent) {
                stats.retransmissions.increment();
            } else {
                stats.retransmissionMisses.increment();
                complete = false;
            }
        }
        return complete;
    }

    private boolean resendAsRtx(Broadcast current, ViewerTrack video, int sequenceNumber) {
        int stored = current.copyVideo(sequenceNumber, resendScratch);
        int length = stored < 0 ? -1 : RtpHeaderWriter.rewrite(resendScratch, 0, stored, resendScratch, 0,
                video.payloadType(), video.ssrc(), extensions[MediaStats.Kind.VIDEO.ordinal()]);
        int rtx = length < 0 ? -1 : Rtx.writeRtx(resendScratch, 0, length, rtxScratch, 0, video.rtxPayloadType(),
                video.rtxSsrc(), rtxSequence++ & 0xFFFF);
        return rtx > 0 && transport.sendRtp(rtxScratch, 0, rtx) > 0;
    }

    private boolean resendAsSent(int sequenceNumber) {
        int stored = sentVideo.copy(sequenceNumber, resendScratch, 0);
        return stored > 0 && transport.resendSrtp(resendScratch, 0, stored);
    }

    /**
     * Passes a broadcaster's sender report on to this viewer for the same kind: its NTP time
     * (already on the server's clock) and RTP timestamp, with this viewer's SSRC and the counts
     * of what was sent to it (RFC 3550 §6.4.1), and a CNAME (§6.5) that ties audio and video
     * together for lip sync.
     */
    synchronized void senderReport(MediaStats.Kind kind, long ntpTimestamp, long rtpTimestamp) {
        ViewerTrack track = tracks[kind.ordinal()];
        if (track == null || !resumed) {
            return;
        }
        int length = RtcpWriter.writeSenderReport(reportScratch, 0, track.ssrc(), ntpTimestamp, rtpTimestamp,
                sentPackets.get(kind.ordinal()), sentOctets.get(kind.ordinal()));
        length += RtcpWriter.writeSdesCname(reportScratch, length, track.ssrc(), CNAME);
        transport.sendRtcp(reportScratch, 0, length);
    }

    /** What this viewer last reported about its video, or {@link ViewerReport#NONE}. */
    public ViewerReport report() {
        return report;
    }

    /** A receiver report block about this viewer's video (RFC 3550 §6.4.2): loss, jitter and round trip. */
    private void receiverReport(byte[] packet, int at, ViewerTrack video, long nowMillis) {
        for (int i = 0; i < Rtcp.count(packet, at); i++) {
            int block = Rtcp.reportBlockOffset(packet, at, i);
            if (Rtcp.rbSsrc(packet, block) != video.ssrc()) {
                continue;
            }
            long rtt = Rtcp.rttMillis(Rtcp.rbLastSr(packet, block), Rtcp.rbDelaySinceLastSr(packet, block),
                    NtpTime.middle32(NtpTime.fromMillis(nowMillis)));
            if (rtt >= 0) {
                retransmissions.setRttMillis(Math.max(rtt, RetransmissionThrottle.MIN_RTT_MILLIS));
            }
            report = new ViewerReport(Rtcp.rbFractionLost(packet, block) / 256.0, Rtcp.rbCumulativeLost(packet, block),
                    Rtcp.rbJitter(packet, block) * 1000.0 / 90_000, rtt >= 0 ? rtt : report.rttMillis());
        }
    }

    private static boolean asksFor(byte[] packet, int at, int length, long ssrc) {
        if (Rtcp.isPli(packet, at)) {
            return Rtcp.mediaSsrc(packet, at) == ssrc;
        }
        for (int i = 0; i < Rtcp.firEntryCount(packet, at, length); i++) {
            if (Rtcp.firEntrySsrc(packet, at, i) == ssrc) {
                return true;
            }
        }
        return false;
    }
}
