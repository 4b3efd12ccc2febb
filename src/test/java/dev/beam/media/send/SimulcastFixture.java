package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.KeyframeRequester;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.SourceTrack;
import dev.beam.testpeer.RtpPackets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A broadcaster's VP8 (or VP9) track in three simulcast layers h, m, l (or one stream without
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
        Packet packet = pool.take(rtp, 0, rtp.length, nowNanos);
        assertTrue(streams.attach(packet), "attached");
        assertTrue(packet.stream().firstCopy(packet), "first copy");
        packet.stream().count(packet);
        packet.stream().detectKeyframe(packet);
        packet.stream().keep(packet);
        return packet;
    }
}
