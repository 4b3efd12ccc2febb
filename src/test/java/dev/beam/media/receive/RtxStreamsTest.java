package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.Rtx;
import dev.beam.testpeer.RtpPackets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The broadcaster's RTX packets turned back into their original stream's packets (RFC 4588 §4, RFC 8852 §3.2). */
class RtxStreamsTest {
    private static final int RID_ID = 4;
    private static final int REPAIRED_RID_ID = 5;
    private static final long MEDIA_SSRC = 0xAAAA;
    private static final long RTX_SSRC = 0xBBBB;
    private static final SourceTrack SIMULCAST = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false, List.of("l", "h"), RID_ID, new RtxFormat(97, REPAIRED_RID_ID, Map.of()));
    private static final SourceTrack ANNOUNCED = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false, List.of(), 0, new RtxFormat(97, 0, Map.of(RTX_SSRC, MEDIA_SSRC)));
    private static final SourceTrack APT_ONLY = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false, List.of(), 0, new RtxFormat(97, 0, Map.of()));
    private static final byte[] VP8_DELTA = {0x10, 0x51, 0x42, 0x00, 0x11, 0x22, 0x33};

    private final PacketPool pool = new PacketPool(64);
    private final MediaStats stats = new MediaStats();
    private ReceiveStreams streams;
    private RtxStreams rtx;

    private void tracks(SourceTrack track) {
        streams = new ReceiveStreams(List.of(track), (ssrc, t) -> new KeyframeRequester(() -> 0, 0, 0, false,
                new LongAdder(), (fir, seq) -> true));
        rtx = new RtxStreams(List.of(track), streams, stats);
    }

    private Packet take(byte[] rtp) {
        return pool.take(rtp, 0, rtp.length, 0);
    }

    /** A media packet through the stages up to the history, as the receive path runs them; false when dropped. */
    private boolean receive(Packet packet) {
        if (!streams.attach(packet) || !packet.stream().firstCopy(packet)) {
            return false;
        }
        packet.stream().count(packet);
        packet.stream().detectLoss(packet);
        packet.stream().keep(packet);
        return true;
    }

    /** The RTX packet for an original, as the broadcaster sends it. */
    private static byte[] rtxOf(byte[] original, long rtxSsrc, int rtxSeq) {
        byte[] out = new byte[original.length + Rtx.OVERHEAD];
        assertEquals(out.length, Rtx.writeRtx(original, 0, original.length, out, 0, 97, rtxSsrc, rtxSeq));
        return out;
    }

    /** An original carrying the layer's rid under the repaired-rid id: its RTX packet then names the rid repaired. */
    private static byte[] layerPacket(String rid, int seq, long ssrc, int extensionId) {
        return RtpPackets.rtpWithRid(96, seq, seq * 3000L, ssrc, false, extensionId, rid, VP8_DELTA);
    }

    /** A padding-only packet (RFC 3550 §5.1): P set, all payload bytes padding, the last one counting them. */
    private static byte[] paddingOnly(int payloadType, long ssrc, int seq, int padding) {
        byte[] p = new byte[RtpPacket.FIXED_HEADER + padding];
        RtpPacket.writeFixedHeader(p, 0, false, payloadType, seq, 0, ssrc);
        p[0] |= 0x20;
        p[p.length - 1] = (byte) padding;
        return p;
    }

    @Test
    void aRepairedPacketIsTheOriginalByteForByteAndFillsTheGap() {
        tracks(ANNOUNCED);
        byte[] withheld = RtpPackets.rtp(96, 11, 33_000, MEDIA_SSRC, true, VP8_DELTA);
        assertTrue(receive(take(RtpPackets.rtp(96, 10, 30_000, MEDIA_SSRC, false, VP8_DELTA))));
        assertTrue(receive(take(RtpPackets.rtp(96, 12, 36_000, MEDIA_SSRC, false, VP8_DELTA))));
        ReceiveStream stream = streams.find(MEDIA_SSRC);
        assertEquals(1, stream.nacks().missingCount(), "11 is missing");

        Packet repair = take(rtxOf(withheld, RTX_SSRC, 500));
        assertTrue(rtx.isRtx(repair));
        assertTrue(rtx.carriesOriginal(repair));
        assertTrue(rtx.unwrap(repair));
        assertArrayEquals(withheld, Arrays.copyOf(repair.buf, repair.length), "RFC 4588 §4: OSN, SSRC, apt restored");
        assertTrue(repair.isRetransmission());
        assertTrue(receive(repair));
        assertSame(stream, repair.stream());
        assertEquals(0, stream.nacks().missingCount(), "the NACK generator sees the gap filled");
        byte[] held = new byte[Packet.CAPACITY];
        assertEquals(withheld.length, stream.copy(11, repair.epoch(), held, 0), "kept for viewers' NACKs");

        Packet again = take(rtxOf(withheld, RTX_SSRC, 501));
        assertTrue(rtx.unwrap(again));
        assertFalse(receive(again), "a second repair is a duplicate");
        assertEquals(2, stats.rtxRepairs.sum());
    }

    @Test
    void repairsCountNeitherInTheBitrateNorAsTheLatestArrival() {
        tracks(APT_ONLY);
        Packet media = pool.take(RtpPackets.rtp(96, 10, 30_000, MEDIA_SSRC, false, VP8_DELTA), 0,
                RtpPackets.rtp(96, 10, 30_000, MEDIA_SSRC, false, VP8_DELTA).length, 1_000);
        assertTrue(receive(media));
        ReceiveStream stream = streams.find(MEDIA_SSRC);
        long rate = stream.bitsPerSecond(2_000);
        byte[] original = RtpPackets.rtp(96, 9, 27_000, MEDIA_SSRC, false, new byte[1000]);
        byte[] wrapped = rtxOf(original, RTX_SSRC, 1);
        Packet repair = pool.take(wrapped, 0, wrapped.length, 1_500);
        assertTrue(rtx.unwrap(repair));
        assertTrue(receive(repair));
        assertEquals(rate, stream.bitsPerSecond(2_000));
        assertEquals(1_000, stream.lastPacketNanos());

        Packet padding = pool.take(paddingOnly(96, MEDIA_SSRC, 11, 200), 0, RtpPacket.FIXED_HEADER + 200, 1_800);
        assertTrue(receive(padding), "padding on the media SSRC still fills its sequence");
        assertEquals(rate, stream.bitsPerSecond(2_000), "but is no media");
        assertEquals(1_000, stream.lastPacketNanos());
    }

    @Test
    void paddingOnlyRtxPacketsAreCountedAndDropped() {
        tracks(APT_ONLY);
        assertTrue(receive(take(RtpPackets.rtp(96, 10, 30_000, MEDIA_SSRC, false, VP8_DELTA))));
        Packet probe = take(paddingOnly(97, RTX_SSRC, 1, 224));
        assertTrue(rtx.isRtx(probe));
        assertFalse(rtx.carriesOriginal(probe), "all padding, no OSN");
        byte[] osnOnly = RtpPackets.rtp(97, 2, 0, RTX_SSRC, false, new byte[] {0, 10});
        assertFalse(rtx.carriesOriginal(take(osnOnly)), "an OSN and nothing after it");
        byte[] osnAndPadding = paddingOnly(97, RTX_SSRC, 3, 6);
        osnAndPadding[RtpPacket.FIXED_HEADER + 1] = 10; // bytes 0-1 would be an OSN, but P says they are padding
        assertFalse(rtx.carriesOriginal(take(osnAndPadding)));
        assertEquals(3, stats.rtxPaddingDrops.sum());

        byte[] real = rtxOf(RtpPackets.rtp(96, 9, 27_000, MEDIA_SSRC, false, VP8_DELTA), RTX_SSRC, 4);
        assertTrue(rtx.carriesOriginal(take(real)));
        assertFalse(rtx.isRtx(take(RtpPackets.rtp(96, 11, 0, MEDIA_SSRC, false, VP8_DELTA))), "media is not RTX");
    }

    @Test
    void aSimulcastRtxSsrcIsTiedToItsLayerByRepairedRid() {
        tracks(SIMULCAST);
        assertTrue(receive(take(layerPacket("l", 100, 0x1111, RID_ID))));
        assertTrue(receive(take(layerPacket("h", 500, 0x2222, RID_ID))));

        byte[] highOriginal = layerPacket("h", 499, 0x2222, REPAIRED_RID_ID);
        Packet repair = take(rtxOf(highOriginal, 0x9999, 1));
        assertTrue(rtx.unwrap(repair), "repaired-rid h names the layer");
        assertEquals(0x2222, RtpPacket.ssrc(repair.buf, 0));
        assertEquals(499, RtpPacket.sequenceNumber(repair.buf, 0));
        assertEquals(96, RtpPacket.payloadType(repair.buf, 0));

        // Later packets of the RTX SSRC need no repaired-rid (publishers stop sending it once acknowledged).
        Packet later = take(rtxOf(RtpPackets.rtp(96, 498, 0, 0x2222, false, VP8_DELTA), 0x9999, 2));
        assertTrue(rtx.unwrap(later));
        assertEquals(0x2222, RtpPacket.ssrc(later.buf, 0));

        Packet low = take(rtxOf(layerPacket("l", 99, 0x1111, REPAIRED_RID_ID), 0x8888, 1));
        assertTrue(rtx.unwrap(low));
        assertEquals(0x1111, RtpPacket.ssrc(low.buf, 0));
        assertEquals(3, stats.rtxRepairs.sum());
    }

    @Test
    void aLayersNewSsrcTakesItsRtxWithIt() {
        tracks(SIMULCAST);
        assertTrue(receive(take(layerPacket("h", 500, 0x2222, RID_ID))));
        assertTrue(rtx.unwrap(take(rtxOf(layerPacket("h", 499, 0x2222, REPAIRED_RID_ID), 0x9999, 1))));
        assertTrue(receive(take(layerPacket("h", 1, 0x3333, RID_ID))), "the broadcaster restarted the layer");

        Packet repair = take(rtxOf(layerPacket("h", 0, 0x3333, REPAIRED_RID_ID), 0x9999, 2));
        assertTrue(rtx.unwrap(repair));
        assertEquals(0x3333, RtpPacket.ssrc(repair.buf, 0), "learnt anew: the old layer stream is superseded");
    }

    @Test
    void anRtxPacketOfNoKnownStreamIsDroppedAndCounted() {
        tracks(SIMULCAST);
        Packet beforeMedia = take(rtxOf(layerPacket("h", 1, 0x2222, REPAIRED_RID_ID), 0x9999, 1));
        assertFalse(rtx.unwrap(beforeMedia), "layer h has no stream yet");
        assertTrue(receive(take(layerPacket("h", 500, 0x2222, RID_ID))));
        Packet unnamed = take(rtxOf(RtpPackets.rtp(96, 499, 0, 0x2222, false, VP8_DELTA), 0x7777, 1));
        assertFalse(rtx.unwrap(unnamed), "simulcast without repaired-rid cannot be placed");
        Packet otherLayer = take(rtxOf(layerPacket("x", 1, 0x2222, REPAIRED_RID_ID), 0x6666, 1));
        assertFalse(rtx.unwrap(otherLayer), "a rid not negotiated");
        assertEquals(3, stats.rtxUnmappedDrops.sum());
        assertEquals(0, stats.rtxRepairs.sum());

        tracks(ANNOUNCED);
        assertFalse(rtx.unwrap(take(rtxOf(RtpPackets.rtp(96, 1, 0, MEDIA_SSRC, false, VP8_DELTA), RTX_SSRC, 1))),
                "the announced primary has sent nothing yet");
        assertEquals(4, stats.rtxUnmappedDrops.sum());
    }

    @Test
    void withoutSimulcastTheAptTiesAnUnannouncedRtxSsrcToTheTracksStream() {
        tracks(APT_ONLY);
        assertTrue(receive(take(RtpPackets.rtp(96, 10, 30_000, MEDIA_SSRC, false, VP8_DELTA))));
        Packet repair = take(rtxOf(RtpPackets.rtp(96, 9, 27_000, 0x1234, false, VP8_DELTA), 0x5555, 1));
        assertTrue(rtx.unwrap(repair));
        assertEquals(MEDIA_SSRC, RtpPacket.ssrc(repair.buf, 0), "the original SSRC is the stream's, not a guess");
    }

    @Test
    void theRtxStreamsABroadcasterCanMakeAreBounded() {
        tracks(APT_ONLY);
        assertTrue(receive(take(RtpPackets.rtp(96, 10, 30_000, MEDIA_SSRC, false, VP8_DELTA))));
        byte[] original = RtpPackets.rtp(96, 9, 27_000, MEDIA_SSRC, false, VP8_DELTA);
        for (int i = 0; i < RtxStreams.MAX_RTX_STREAMS; i++) {
            assertTrue(rtx.unwrap(take(rtxOf(original, 0x10000 + i, 1))));
        }
        assertFalse(rtx.unwrap(take(rtxOf(original, 0x99999, 1))), "no state without bound");
        assertEquals(1, stats.rtxUnmappedDrops.sum());
        assertTrue(rtx.unwrap(take(rtxOf(original, 0x10000, 2))), "known ones still work");
    }

    @Test
    void anRtxPayloadTypeThatIsAlsoMediaStaysMedia() {
        SourceTrack clash = new SourceTrack(MediaStats.Kind.AUDIO, "0", 97, "opus", 48_000, false, false);
        streams = new ReceiveStreams(List.of(clash, APT_ONLY), (ssrc, t) -> null);
        rtx = new RtxStreams(List.of(clash, APT_ONLY), streams, stats);
        assertFalse(rtx.isRtx(take(RtpPackets.rtp(97, 1, 0, 1, false, VP8_DELTA))));
    }
}
