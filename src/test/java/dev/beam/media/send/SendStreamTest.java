package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.KeyframeRequester;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpReports;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.Rtx;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** A viewer's send stream: admission, numbering, rewrite, retransmission and reports. */
class SendStreamTest {
    private static final long MS = 1_000_000;
    private static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false);
    private static final SourceTrack AUDIO = new SourceTrack(MediaStats.Kind.AUDIO, "0", 111, "opus", 48_000, false,
            false);
    private static final byte[] KEY = {0x10, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x00, 0x05};
    private static final byte[] DELTA = {0x10, 0x51, 0x42, 0x00, 0x11, 0x22};
    private static final long VIEWER_SSRC = 0xCAFE;
    private static final long VIEWER_RTX_SSRC = 0xBEEF;

    private final PacketPool pool = new PacketPool(256);
    private final AtomicInteger keyframeRequests = new AtomicInteger();
    private final ReceiveStreams streams = new ReceiveStreams(List.of(AUDIO, VIDEO),
            (ssrc, track) -> new KeyframeRequester(() -> 0, 0, 0, false, new LongAdder(),
                    (fir, seq) -> keyframeRequests.incrementAndGet() > 0));
    private final MediaStats stats = new MediaStats();
    private final Outgoing out = new Outgoing();

    private static ViewerTrack videoTrack(int rtxPayloadType) {
        return new ViewerTrack(MediaStats.Kind.VIDEO, "1", 100, 90_000, VIEWER_SSRC, 3, "v", rtxPayloadType,
                rtxPayloadType == 0 ? 0 : VIEWER_RTX_SSRC);
    }

    /** A packet through the broadcaster's receive stages. */
    private Packet received(long ssrc, int payloadType, int seq, long timestamp, byte[] payload, long nowNanos) {
        byte[] rtp = new byte[RtpPacket.FIXED_HEADER + payload.length];
        RtpPacket.writeFixedHeader(rtp, 0, false, payloadType, seq, timestamp, ssrc);
        System.arraycopy(payload, 0, rtp, RtpPacket.FIXED_HEADER, payload.length);
        Packet packet = pool.take(rtp, 0, rtp.length, nowNanos);
        assertTrue(streams.attach(packet));
        assertTrue(packet.stream().firstCopy(packet));
        packet.stream().detectKeyframe(packet);
        packet.stream().keep(packet);
        return packet;
    }

    /** The send path's stages up to (not including) encryption; the plaintext sent, or null if dropped. */
    private byte[] send(SendStream stream, Packet packet) {
        out.forwarding(packet);
        if (!stream.admit(out, packet.receivedNanos()) || !stream.rewrite(out) || !stream.wrapRetransmission(out)) {
            return null;
        }
        stream.count(out, packet.receivedNanos());
        return Arrays.copyOf(out.buf, out.length);
    }

    private byte[] resend(SendStream stream, int viewerSeq) {
        Outgoing retransmission = new Outgoing();
        if (!stream.retransmission(viewerSeq, retransmission) || !stream.rewrite(retransmission)
                || !stream.wrapRetransmission(retransmission)) {
            return null;
        }
        return Arrays.copyOf(retransmission.buf, retransmission.length);
    }

    @Test
    void videoStartsAtAKeyframeAndTheDeltasBeforeItAskForOne() {
        SendStream stream = new SendStream(videoTrack(0), stats);
        assertEquals(null, send(stream, received(0xAAAA, 96, 1000, 90_000, DELTA, 0)));
        assertEquals(1, keyframeRequests.get());
        byte[] first = send(stream, received(0xAAAA, 96, 1001, 93_000, KEY, MS));
        assertEquals(1001, RtpPacket.sequenceNumber(first, 0), "the first source keeps its own numbers");
        assertEquals(93_000, RtpPacket.timestamp(first, 0));
        assertEquals(100, RtpPacket.payloadType(first, 0), "the viewer's payload type");
        assertEquals(VIEWER_SSRC, RtpPacket.ssrc(first, 0), "the viewer's SSRC");
        int mid = RtpPacket.findExtension(first, 0, first.length, 3);
        assertEquals('v', first[mid], "the viewer's MID under the id it negotiated (RFC 8285)");
        byte[] next = send(stream, received(0xAAAA, 96, 1002, 93_000, DELTA, 2 * MS));
        assertEquals(1002, RtpPacket.sequenceNumber(next, 0));
        int payload = RtpPacket.payloadOffset(next, 0, next.length);
        assertArrayEquals(DELTA, Arrays.copyOfRange(next, payload, next.length), "the payload untouched");
    }

    @Test
    void audioStartsAtOnce() {
        SendStream stream = new SendStream(new ViewerTrack(MediaStats.Kind.AUDIO, "0", 109, 48_000, 0x1234, 0, null,
                0, 0), stats);
        byte[] first = send(stream, received(0xBBBB, 111, 7, 960, new byte[] {1, 2, 3}, 0));
        assertEquals(7, RtpPacket.sequenceNumber(first, 0));
        assertEquals(109, RtpPacket.payloadType(first, 0));
        assertEquals(0, keyframeRequests.get());
    }

    @Test
    void aNewSourceContinuesTheViewersNumberingAndTimeline() {
        SendStream stream = new SendStream(videoTrack(0), stats);
        send(stream, received(0xAAAA, 96, 500, 10_000, KEY, 0));
        send(stream, received(0xAAAA, 96, 501, 13_000, DELTA, 33 * MS));
        assertEquals(null, send(stream, received(0xCCCC, 96, 40_000, 777_000, DELTA, 50 * MS)),
                "the new source's video waits for its keyframe");
        assertEquals(null, send(stream, received(0xAAAA, 96, 502, 16_000, DELTA, 60 * MS)),
                "the old source is superseded");
        byte[] switched = send(stream, received(0xCCCC, 96, 40_001, 780_000, KEY, 133 * MS));
        assertEquals(502, RtpPacket.sequenceNumber(switched, 0), "one after the last sent");
        assertEquals(13_000 + 9_000, RtpPacket.timestamp(switched, 0), "the last timestamp plus 100 ms at 90 kHz");
        byte[] after = send(stream, received(0xCCCC, 96, 40_002, 783_000, DELTA, 166 * MS));
        assertEquals(503, RtpPacket.sequenceNumber(after, 0));
        assertEquals(22_000 + 3_000, RtpPacket.timestamp(after, 0), "and the new source's own spacing after that");
    }

    @Test
    void aRetransmissionWithoutRtxIsByteForByteThePacketFirstSent() {
        SendStream stream = new SendStream(videoTrack(0), stats);
        byte[] first = send(stream, received(0xAAAA, 96, 65_535, 90_000, KEY, 0));
        for (int seq = 0; seq < 10; seq++) { // on past the wrap of the numbers
            send(stream, received(0xAAAA, 96, seq, 93_000, DELTA, MS));
        }
        assertArrayEquals(first, resend(stream, 65_535), "same plaintext, so the same SRTP packet under its index");
    }

    @Test
    void aRetransmissionWithRtxGoesOnTheRtxStreamCarryingTheOriginal() {
        SendStream stream = new SendStream(videoTrack(101), stats);
        byte[] first = send(stream, received(0xAAAA, 96, 300, 90_000, KEY, 0));
        send(stream, received(0xAAAA, 96, 301, 93_000, DELTA, MS));
        byte[] rtx = resend(stream, 300);
        assertEquals(101, RtpPacket.payloadType(rtx, 0));
        assertEquals(VIEWER_RTX_SSRC, RtpPacket.ssrc(rtx, 0));
        assertEquals(300, Rtx.originalSequenceNumber(rtx, 0, rtx.length), "RFC 4588 §4: the OSN");
        byte[] unwrapped = new byte[rtx.length];
        int length = Rtx.unwrapRtx(rtx, 0, rtx.length, unwrapped, 0, 100, VIEWER_SSRC);
        assertArrayEquals(first, Arrays.copyOf(unwrapped, length));
        byte[] again = resend(stream, 300);
        assertEquals((RtpPacket.sequenceNumber(rtx, 0) + 1) & 0xFFFF, RtpPacket.sequenceNumber(again, 0),
                "the RTX stream numbers its own packets");
    }

    @Test
    void numbersNeverSentAreNotResentAndThoseOfAnEarlierSourceComeFromIt() {
        SendStream stream = new SendStream(videoTrack(0), stats);
        assertEquals(null, resend(stream, 1), "nothing sent yet");
        send(stream, received(0xAAAA, 96, 100, 0, KEY, 0));
        byte[] last = send(stream, received(0xAAAA, 96, 101, 0, DELTA, MS));
        assertEquals(null, resend(stream, 102), "not sent yet");
        assertEquals(null, resend(stream, 99), "before the start");
        send(stream, received(0xCCCC, 96, 9_000, 0, KEY, 2 * MS));
        assertArrayEquals(last, resend(stream, 101), "numbered under the previous source, and resent from it");
        assertTrue(resend(stream, 102) != null, "the new source's first packet, viewer number 102");
        assertEquals(null, resend(stream, 103), "not sent yet");
    }

    @Test
    void aSenderReportIsTranslatedToTheViewersStreamWithItsCounts() {
        SendStream stream = new SendStream(videoTrack(0), stats);
        Packet first = received(0xAAAA, 96, 10, 1_000, KEY, 0);
        send(stream, first);
        send(stream, received(0xAAAA, 96, 11, 4_000, DELTA, MS));
        byte[] report = new byte[200];
        assertEquals(0, stream.writeSenderReport(streams.find(0xCCCC), 1L << 40, 5_000, report),
                "a report about a stream not forwarded to this viewer is not sent");
        int length = stream.writeSenderReport(first.stream(), 1L << 40, 5_000, report);
        assertTrue(length > 0);
        assertEquals(Rtcp.SR, Rtcp.packetType(report, 0));
        assertEquals(VIEWER_SSRC, Rtcp.senderSsrc(report, 0));
        assertEquals(1L << 40, RtcpReports.srNtpTimestamp(report, 0));
        assertEquals(5_000, RtcpReports.srRtpTimestamp(report, 0), "no offset for the first source");
        assertEquals(2, RtcpReports.srPacketCount(report, 0));
        assertEquals(KEY.length + DELTA.length, RtcpReports.srOctetCount(report, 0), "payload octets sent to this viewer");
        assertEquals(Rtcp.SDES, Rtcp.packetType(report, Rtcp.SR_LENGTH), "with the CNAME for lip sync");
    }

    @Test
    void aStreamIsNamedByItsMediaAndRtxSsrcs() {
        SendStream stream = new SendStream(videoTrack(101), stats);
        assertTrue(stream.isNamedBy(VIEWER_SSRC));
        assertTrue(stream.isNamedBy(VIEWER_RTX_SSRC));
        assertFalse(stream.isNamedBy(0xAAAA));
    }
}
