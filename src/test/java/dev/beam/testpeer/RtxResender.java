package dev.beam.testpeer;

import dev.beam.media.rtp.ExtensionElements;
import dev.beam.media.rtp.Nacks;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtpHeaderWriter;
import dev.beam.media.rtp.Rtx;
import dev.beam.media.rtp.TransportCcFeedback;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A publishing test peer's retransmissions as a browser with RTX sends them (RFC 4588, SSRC-multiplexed): it
 * keeps what the peer sent (or withheld on purpose) and answers the server's generic NACKs (RFC 4585 §6.2.1)
 * on a thread of its own with RTX packets, each video SSRC's on {@link OfferSpec#rtxSsrc}. With simulcast the
 * original's rtp-stream-id element becomes repaired-rtp-stream-id (RFC 8852 §3.2), as Chromium names the layer
 * an RTX packet repairs. It also sends padding-only RTX packets, as browsers probe their bandwidth. Every
 * packet it sends carries the next transport-wide sequence number, and it notes which ones the server's
 * transport-cc feedback reports received.
 *
 * <p>It takes the peer's received RTCP for itself: a test using it reads no RTCP of that peer.
 */
public final class RtxResender implements AutoCloseable {
    /** Packets kept for NACKs, as a sender's history holds the last second or so. */
    private static final int HISTORY = 4096;

    private final TestPeer peer;
    private final int rtxPayloadType;
    private final Map<Long, byte[]> history = new LinkedHashMap<>(HISTORY, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > HISTORY;
        }
    };
    private final Map<Long, Integer> rtxSequence = new HashMap<>();
    private final ExtensionElements elements = new ExtensionElements();
    private final byte[] sameIds = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    private final Set<Integer> transportSent = ConcurrentHashMap.newKeySet();
    private final Set<Integer> transportReported = ConcurrentHashMap.newKeySet();
    private int transportSequence;
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicInteger nacked = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    public RtxResender(TestPeer peer, OfferSpec spec) {
        this.peer = peer;
        this.rtxPayloadType = spec.rtxPayloadType();
        this.thread = PeerThreads.daemon(this::answerNacks, "rtx-resender");
        thread.start();
    }

    /** Sends the packet and keeps it for NACKs. */
    public synchronized void send(byte[] rtp) {
        keep(rtp);
        stampAndSend(rtp);
    }

    /** Keeps the packet for NACKs without sending it: the network lost it. */
    public synchronized void keep(byte[] rtp) {
        history.put(key(RtpPackets.ssrc(rtp), RtpPackets.sequenceNumber(rtp)), rtp.clone());
    }

    /** Sends {@code count} padding-only packets on the RTX stream of this SSRC, as a bandwidth probe. */
    public synchronized void probe(long videoSsrc, int count, int paddingBytes) {
        for (int i = 0; i < count; i++) {
            byte[] padding = new byte[12 + paddingBytes];
            RtpPackets.writeHeader(padding, 0, rtxPayloadType, nextRtxSequence(videoSsrc), 0,
                    OfferSpec.rtxSsrc(videoSsrc), false);
            padding[0] |= 0x20; // P: every payload byte is padding, the last one counts them (RFC 3550 §5.1)
            padding[padding.length - 1] = (byte) paddingBytes;
            stampAndSend(padding);
        }
    }

    /** Packets resent as RTX. */
    public int resent() {
        return resent.get();
    }

    /** The transport-wide sequence numbers sent so far. */
    public Set<Integer> transportSequencesSent() {
        return Set.copyOf(transportSent);
    }

    /** The transport-wide sequence numbers the server's feedback reported received. */
    public Set<Integer> transportSequencesReported() {
        return Set.copyOf(transportReported);
    }

    /** Sequence numbers the server NACKed. */
    public int nacked() {
        return nacked.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answerNacks() {
        while (running) {
            byte[] rtcp;
            try {
                rtcp = peer.receivedRtcp().poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (rtcp != null) {
                Rtcp.forEach(rtcp, 0, rtcp.length, (buf, off, len) -> {
                    long mediaSsrc = Rtcp.mediaSsrc(buf, off);
                    Nacks.forEachNackedSeq(buf, off, len, seq -> {
                        nacked.incrementAndGet();
                        resendAsRtx(mediaSsrc, seq);
                    });
                    if (TransportCcFeedback.isTransportCc(buf, off, len)) {
                        TransportCcFeedback.forEachPacket(buf, off, len, (seq, received, arrivalUs) -> {
                            if (received) {
                                transportReported.add(seq);
                            }
                        });
                    }
                });
            }
        }
    }

    /** Sends a kept packet again on its RTX stream, NACKed or not (browsers probe with such copies too). */
    public synchronized void resendAsRtx(long ssrc, int seq) {
        byte[] original = history.get(key(ssrc, seq));
        if (original == null) {
            return;
        }
        byte[] source = repairedRid(original);
        byte[] rtx = new byte[source.length + Rtx.OVERHEAD];
        int length = Rtx.writeRtx(source, 0, source.length, rtx, 0, rtxPayloadType, OfferSpec.rtxSsrc(ssrc),
                nextRtxSequence(ssrc));
        stampAndSend(Arrays.copyOf(rtx, length));
        resent.incrementAndGet();
    }

    /** Sends the packet with the next transport-wide sequence number added to its header extension. */
    private void stampAndSend(byte[] rtp) {
        int seq = transportSequence++ & 0xFFFF;
        elements.clear();
        elements.addRemapped(rtp, 0, rtp.length, sameIds);
        elements.addValue(OfferSpec.TRANSPORT_CC_EXTENSION_ID, seq, 2);
        byte[] stamped = new byte[rtp.length + 64];
        int length = RtpHeaderWriter.rewrite(rtp, 0, rtp.length, stamped, 0, RtpPackets.payloadType(rtp),
                RtpPackets.ssrc(rtp), elements);
        transportSent.add(seq);
        peer.sendRtp(stamped, 0, length);
    }

    /** The original with its rtp-stream-id element, the first of the extension block, renamed repaired-rid. */
    private static byte[] repairedRid(byte[] original) {
        byte[] copy = original.clone();
        boolean oneByteBlock = (copy[0] & 0x10) != 0 && copy.length > 16 && (copy[12] & 0xFF) == 0xBE
                && (copy[13] & 0xFF) == 0xDE;
        if (oneByteBlock && (copy[16] & 0xF0) >>> 4 == OfferSpec.RID_EXTENSION_ID) {
            copy[16] = (byte) (OfferSpec.REPAIRED_RID_EXTENSION_ID << 4 | copy[16] & 0x0F);
        }
        return copy;
    }

    private int nextRtxSequence(long ssrc) {
        int seq = rtxSequence.merge(ssrc, 1, Integer::sum);
        return (1000 + seq) & 0xFFFF;
    }

    private static long key(long ssrc, int seq) {
        return ssrc << 16 | seq;
    }
}
