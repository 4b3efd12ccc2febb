package dev.beam.testpeer;

import dev.beam.media.rtp.Rtx;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * What a {@link TestPeer} received, queued for the test: decrypted RTP (RTX, RFC 4588, unwrapped
 * into the packet it carries) and RTCP. It also plays the lossy network in front of the peer:
 * video the test chose to lose is dropped before decryption, as a network would drop it, so
 * that its retransmission is not mistaken for a replay.
 */
final class ReceivedMedia implements PeerConnection.MediaSink, PeerConnection.InboundLoss {
    private final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();
    private final AtomicInteger retransmissions = new AtomicInteger();
    /** Video lost on purpose; touched only by the connection's one delivering thread at a time. */
    private final Set<Integer> lost = new HashSet<>();
    private volatile IntPredicate lose = seq -> false;
    private volatile Answer answer;

    void answer(Answer a) {
        answer = a;
    }

    void loseVideo(IntPredicate sequenceNumbers) {
        lose = sequenceNumbers;
    }

    BlockingQueue<byte[]> rtp() {
        return rtp;
    }

    BlockingQueue<byte[]> rtcp() {
        return rtcp;
    }

    int retransmissions() {
        return retransmissions.get();
    }

    /** Loses each chosen video sequence number once: its first copy. */
    @Override
    public boolean loses(byte[] buf, int off, int len) {
        Answer a = answer;
        if (a == null || len < 12 || (buf[off + 1] & 0x7F) != a.payloadType("video")) {
            return false;
        }
        int seq = RtpPackets.sequenceNumber(Arrays.copyOfRange(buf, off, off + 4));
        if (lost.contains(seq) || !lose.test(seq)) {
            return false;
        }
        lost.add(seq);
        return true;
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        Answer a = answer;
        int pt = buf[off + 1] & 0x7F;
        if (a.rtxPayloadType() != 0 && pt == a.rtxPayloadType()) {
            byte[] original = new byte[len];
            int length = Rtx.unwrapRtx(buf, off, len, original, 0, a.payloadType("video"), a.ssrc("video"));
            if (length > 0) {
                retransmissions.incrementAndGet();
                rtp.add(Arrays.copyOf(original, length));
            }
            return;
        }
        byte[] packet = Arrays.copyOfRange(buf, off, off + len);
        if (pt == a.payloadType("video") && lost.contains(RtpPackets.sequenceNumber(packet))) {
            retransmissions.incrementAndGet(); // resent on the original SSRC
        }
        rtp.add(packet);
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        rtcp.add(Arrays.copyOfRange(buf, off, off + len));
    }
}
