package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.KeyframeRequester;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.RtxFormat;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.rtp.ExtensionElements;
import dev.beam.media.rtp.RtpHeaderWriter;
import dev.beam.testpeer.RtpPackets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A broadcaster's VP8 (or VP9, or AV1) track in three simulcast layers h, m, l (or one stream without
 * simulcast), and packets of each through its receive stages.
 */
final class SimulcastFixture {
    static final int RID_EXTENSION = 10;
    static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true, false,
            List.of("l", "m", "h"), RID_EXTENSION);
    static final byte[] KEY = {0x10, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x00, 0x05};
    static final byte[] DELTA = {0x10, 0x51, 0x42, 0x00, 0x11, 0x22};

    /** The same layers in VP9. */
    static final SourceTrack VP9 = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP9", 90_000, true, false,
            List.of("l", "m", "h"), RID_EXTENSION);

    /** The broadcaster's id for the AV1 dependency descriptor. */
    static final int DD_EXTENSION = 12;
    /** The same layers in AV1, with the dependency descriptor. */
    static final SourceTrack AV1 = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "AV1", 90_000, true, false,
            List.of("l", "m", "h"), RID_EXTENSION, RtxFormat.NONE, DD_EXTENSION);

    /** A VP8 track without simulcast: its streams' packets carry a rid, which it does not read. */
    static final SourceTrack SINGLE = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true, false);

    final AtomicInteger keyframeRequests = new AtomicInteger();
    final ReceiveStreams streams;
    private final PacketPool pool = new PacketPool(1024);

    SimulcastFixture() {
        this(VIDEO);
    }

    SimulcastFixture(SourceTrack track) {
        streams = new ReceiveStreams(List.of(track), (ssrc, t) -> new KeyframeRequester(() -> 0, 0, 0, false,
                new LongAdder(), (fir, seq) -> keyframeRequests.incrementAndGet() > 0));
    }

    /** SSRCs by rid: 0x100 + the rid's first letter. */
    static long ssrc(String rid) {
        return 0x100 + rid.charAt(0);
    }

    /** The stream of a layer, made by its first packet. */
    ReceiveStream stream(String rid) {
        ReceiveStream known = streams.find(ssrc(rid));
        if (known != null) {
            return known;
        }
        Packet first = received(rid, 1, 0, DELTA, 0);
        ReceiveStream stream = first.stream();
        first.release();
        return stream;
    }

    /** A packet of a layer through the receive stages, its rid in the header extension. */
    Packet received(String rid, int seq, long timestamp, byte[] payload, long nowNanos) {
        return received(rid, seq, timestamp, payload, false, nowNanos);
    }

    /** The same, with the RTP marker bit: the last packet of a frame. */
    Packet received(String rid, int seq, long timestamp, byte[] payload, boolean marker, long nowNanos) {
        byte[] rtp = RtpPackets.rtpWithRid(96, seq, timestamp, ssrc(rid), marker, RID_EXTENSION, rid, payload);
        return through(rtp, rtp.length, nowNanos);
    }

    /** The same with an AV1 dependency descriptor after the rid, in the two-byte form when it needs it. */
    Packet received(String rid, int seq, long timestamp, byte[] payload, boolean marker, long nowNanos,
            byte[] descriptor) {
        byte[] plain = RtpPackets.rtpWithRid(96, seq, timestamp, ssrc(rid), marker, RID_EXTENSION, rid, payload);
        ExtensionElements elements = new ExtensionElements();
        byte[] rid10 = new byte[RID_EXTENSION + 1];
        rid10[RID_EXTENSION] = RID_EXTENSION;
        elements.addRemapped(plain, 0, plain.length, rid10);
        elements.add(DD_EXTENSION, descriptor, 0, descriptor.length);
        byte[] rtp = new byte[plain.length + 64];
        int length = RtpHeaderWriter.rewrite(plain, 0, plain.length, rtp, 0, 96, ssrc(rid), elements);
        return through(rtp, length, nowNanos);
    }

    /** Through the receive stages the forwarding path follows. */
    private Packet through(byte[] rtp, int length, long nowNanos) {
        Packet packet = pool.take(rtp, 0, length, nowNanos);
        assertTrue(streams.attach(packet), "attached");
        assertTrue(packet.stream().firstCopy(packet), "first copy");
        packet.stream().count(packet);
        packet.stream().detectKeyframe(packet);
        packet.stream().keep(packet);
        return packet;
    }
}
