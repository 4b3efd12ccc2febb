package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.testpeer.RtpPackets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A simulcast track's streams by rid (RFC 8852), and their ranking by what they carry; a video
 * track without simulcast as one layer.
 */
class TrackLayersTest {
    private static final long MS = 1_000_000;
    private static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false, List.of("q", "h", "f"), 4);
    private final ReceiveStreams streams = streamsOf(VIDEO);
    private final PacketPool pool = new PacketPool(64);
    private final TrackLayers layers = streams.layers(VIDEO);

    private static ReceiveStreams streamsOf(SourceTrack... tracks) {
        return new ReceiveStreams(List.of(tracks),
                (ssrc, track) -> new KeyframeRequester(() -> 0, 0, 0, false, new LongAdder(), (fir, seq) -> true));
    }

    private boolean receive(long ssrc, String rid, int seq, int payload, long nowNanos) {
        return receive(streams, ssrc, rid, seq, payload, nowNanos);
    }

    private boolean receive(ReceiveStreams streams, long ssrc, String rid, int seq, int payload, long nowNanos) {
        byte[] rtp = rid == null ? RtpPackets.rtp(96, seq, seq * 3000L, ssrc, false, new byte[payload])
                : RtpPackets.rtpWithRid(96, seq, seq * 3000L, ssrc, false, 4, rid, new byte[payload]);
        Packet packet = pool.take(rtp, 0, rtp.length, nowNanos);
        try {
            if (!streams.attach(packet)) {
                return false;
            }
            packet.stream().count(packet);
            return true;
        } finally {
            packet.release();
        }
    }

    @Test
    void eachLayerIsAStreamOfItsOwnAndANewSsrcReplacesOnlyItsOwnLayer() {
        assertTrue(receive(1, "q", 1, 100, 0));
        assertTrue(receive(2, "h", 1, 100, 0));
        assertTrue(receive(3, "f", 1, 100, 0));
        assertTrue(receive(2, null, 2, 100, 0), "a known SSRC needs no rid");
        assertFalse(receive(4, null, 1, 100, 0), "a new SSRC must say its layer");
        assertFalse(receive(5, "x", 1, 100, 0), "a layer not negotiated");
        assertTrue(receive(6, "h", 1, 100, 0));
        assertTrue(streams.find(2).isSuperseded());
        assertFalse(streams.find(1).isSuperseded());
        assertFalse(streams.find(3).isSuperseded());
        assertEquals("h", streams.find(6).rid());
    }

    @Test
    void aVideoTrackWithoutSimulcastIsOneLayerItsNewestStream() {
        SourceTrack video = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true, false);
        SourceTrack audio = new SourceTrack(MediaStats.Kind.AUDIO, "0", 111, "opus", 48_000, false, false);
        ReceiveStreams oneStream = streamsOf(video, audio);
        assertNull(oneStream.layers(audio), "audio has no layers");
        TrackLayers one = oneStream.layers(video);
        oneStream.rankLayers(0);
        assertEquals(0, one.ranked().length, "nothing before the first packet");
        assertTrue(receive(oneStream, 7, null, 1, 500, 0));
        oneStream.rankLayers(100 * MS);
        assertEquals(1, one.ranked().length);
        assertEquals(oneStream.find(7), one.ranked()[0].stream());
        assertNull(one.ranked()[0].stream().rid());
        assertTrue(receive(oneStream, 8, null, 1, 500, 200 * MS), "the broadcaster switched sources");
        oneStream.rankLayers(300 * MS);
        assertEquals(oneStream.find(8), one.ranked()[0].stream(), "the newest");
        oneStream.rankLayers(1300 * MS);
        assertEquals(0, one.ranked().length, "silent for a second");
    }

    @Test
    void layersRankByTheBitrateTheyCarryAndSwapOnlyByAClearMargin() {
        for (int i = 0; i < 30; i++) {
            long now = i * 33 * MS;
            receive(1, "q", i + 1, 100, now);
            receive(2, "h", i + 1, 400, now);
            receive(3, "f", i + 1, 1200, now);
        }
        streams.rankLayers(990 * MS);
        assertEquals(List.of("f", "h", "q"), rids());
        assertTrue(layers.ranked()[0].bitsPerSecond() > 250_000, Arrays.toString(layers.ranked()));

        // "h" now carries a little more than "f": not enough to move past it.
        for (int i = 30; i < 60; i++) {
            long now = i * 33 * MS;
            receive(1, "q", i + 1, 100, now);
            receive(2, "h", i + 1, 1300, now);
            receive(3, "f", i + 1, 1200, now);
        }
        streams.rankLayers(1990 * MS);
        assertEquals(List.of("f", "h", "q"), rids());
    }

    @Test
    void aLayerSilentForASecondIsNotOffered() {
        receive(1, "q", 1, 100, 0);
        receive(3, "f", 1, 1000, 0);
        streams.rankLayers(500 * MS);
        assertEquals(List.of("f", "q"), rids());
        receive(1, "q", 2, 100, 900 * MS);
        streams.rankLayers(1100 * MS);
        assertEquals(List.of("q"), rids());
        receive(3, "f", 2, 1000, 1200 * MS);
        streams.rankLayers(1200 * MS);
        assertEquals(List.of("f", "q"), rids(), "back once it sends again");
    }

    @Test
    void vp8LayersRankByTheirKeyFramesPictureSizeWhateverTheyCarry() {
        SourceTrack vp8 = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true, false,
                List.of("q", "h", "f"), 4);
        ReceiveStreams vp8Streams = streamsOf(vp8);
        String[] rids = {"q", "h", "f"};
        int[][] sizes = {{320, 180}, {640, 360}, {1280, 720}};
        int[] bytes = {900, 600, 300}; // the top layer starved: it carries least
        for (int i = 0; i < 3; i++) {
            byte[] payload = new byte[bytes[i]];
            byte[] key = {0x10, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A, (byte) sizes[i][0], (byte) (sizes[i][0] >> 8),
                (byte) sizes[i][1], (byte) (sizes[i][1] >> 8)};
            System.arraycopy(key, 0, payload, 0, key.length);
            byte[] rtp = RtpPackets.rtpWithRid(96, 1, 3000, 10 + i, false, 4, rids[i], payload);
            Packet packet = pool.take(rtp, 0, rtp.length, 10 * MS);
            assertTrue(vp8Streams.attach(packet));
            packet.stream().count(packet);
            packet.stream().detectKeyframe(packet);
            packet.release();
        }
        vp8Streams.rankLayers(20 * MS);
        TrackLayers.Layer[] ranked = vp8Streams.layers(vp8).ranked();
        assertEquals(List.of("f", "h", "q"), Arrays.stream(ranked).map(l -> l.stream().rid()).toList());
        long lowest = ranked[2].bitsPerSecond();
        assertTrue(lowest > 0);
        assertEquals(lowest, ranked[1].bitsPerSecond(), "the layers above cost at least what the lowest carries");
        assertEquals(lowest, ranked[0].bitsPerSecond(), "the starved top layer too");
    }

    private List<String> rids() {
        return Arrays.stream(layers.ranked()).map(l -> l.stream().rid()).toList();
    }
}
