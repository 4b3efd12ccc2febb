package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.TrackLayers;
import dev.beam.media.rtp.PictureNumbering;
import dev.beam.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one VP8 stream of a track without simulcast, in three temporal layers, as its one layer:
 * what a viewer gets of it by its estimate or its choice, with consecutive numbers, and what it
 * gets as it would without a layer choice (from the first keyframe, whether the stream is ranked or not).
 */
class SingleStreamLayerTest {
    private static final long MS = 1_000_000;
    private static final int ALL = LayerSelector.ALL_TEMPORAL_LAYERS;
    /** L1T3 at 30 frames a second: 7.5 of layer 0, 7.5 of layer 1 and 15 of layer 2. */
    private static final int[] PATTERN = {0, 2, 1, 2};
    private static final int[] SIZE = {500, 300, 200};

    private final SimulcastFixture fixture = new SimulcastFixture(SimulcastFixture.SINGLE);
    private final TrackLayers layers = fixture.streams.layers(SimulcastFixture.SINGLE);
    private long estimateBps = Long.MAX_VALUE;
    private final ViewerLayer layer = new ViewerLayer(layers, () -> estimateBps, () -> 0);
    private final SendStream stream = new SendStream(
            new ViewerTrack(MediaStats.Kind.VIDEO, "1", 100, 90_000, 0xCAFE, 0, null, 0, 0), layer, new MediaStats());
    private final Outgoing out = new Outgoing();
    /** Names the SSRC the broadcaster sends from (see {@link SimulcastFixture#ssrc}); the track reads no rid. */
    private String source = "s";
    private long now = 1000 * MS;
    private int seq = 65_500;
    private int pictureId = 32_740;
    private int tl0PicIdx = 250;
    private int frames;

    private record Sent(byte[] rtp, int layer) {
        int seq() {
            return RtpPacket.sequenceNumber(rtp, 0);
        }

        int pictureId() {
            return PictureNumbering.VP8.pictureId(rtp, 0, rtp.length);
        }
    }

    /** The next frame, one packet, to the viewer when {@code watched}; a layer sync (Y) where asked. */
    private List<Sent> frame(boolean key, boolean sync, boolean watched) {
        int temporal = key ? 0 : PATTERN[frames % PATTERN.length];
        if (temporal == 0) {
            tl0PicIdx = (tl0PicIdx + 1) & 0xFF;
        }
        byte[] payload = new byte[SIZE[temporal]];
        byte[] head = {(byte) 0x90, (byte) 0xE0, (byte) (0x80 | pictureId >> 8), (byte) pictureId, (byte) tl0PicIdx,
            (byte) (temporal << 6 | (sync ? 0x20 : 0)), (byte) (key ? 0x50 : 0x51), 0x42, 0x00, (byte) 0x9D, 0x01,
            0x2A, 0x40, 0x01, (byte) 0xB4, 0x00};
        System.arraycopy(head, 0, payload, 0, head.length);
        Packet packet = fixture.received(source, seq, frames * 3000L, payload, true, now);
        seq = (seq + 1) & 0xFFFF;
        List<Sent> sent = new ArrayList<>();
        if (watched) {
            out.forwarding(packet);
            if (stream.admit(out, now) && stream.rewrite(out)) {
                stream.count(out, now);
                sent.add(new Sent(Arrays.copyOf(out.buf, out.length), temporal));
            }
        }
        packet.release();
        pictureId = (pictureId + 1) & 0x7FFF;
        frames++;
        now += 33 * MS;
        fixture.streams.rankLayers(now);
        return sent;
    }

    /** A second heard before the viewer joins, so that the temporal layers' rates are known. */
    private void warmUp() {
        frame(true, false, false);
        for (int i = 0; i < 31; i++) {
            frame(false, false, false);
        }
    }

    /** Frames to the viewer; with {@code syncs}, every frame above the base is a layer sync. */
    private List<Sent> watch(int count, boolean syncs) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.addAll(frame(false, syncs && PATTERN[frames % PATTERN.length] > 0, true));
        }
        return sent;
    }

    private static void assertContinuous(List<Sent> sent) {
        for (int i = 1; i < sent.size(); i++) {
            assertEquals((sent.get(i - 1).seq() + 1) & 0xFFFF, sent.get(i).seq(), "no gap before packet " + i);
            assertEquals((sent.get(i - 1).pictureId() + 1) & 0x7FFF, sent.get(i).pictureId(), "picture " + i);
        }
    }

    private long[] temporalRates() {
        long[] rates = layers.ranked()[0].temporalBitsPerSecond();
        assertEquals(3, rates.length, "three temporal layers measured");
        return rates;
    }

    @Test
    void aViewerWithoutAnEstimateGetsEveryFrameFromTheFirstKeyframe() {
        warmUp();
        assertTrue(watch(1, false).isEmpty(), "not before a keyframe");
        assertTrue(fixture.keyframeRequests.get() > 0, "a keyframe asked for");
        List<Sent> sent = new ArrayList<>(frame(true, false, true));
        sent.addAll(watch(12, false));
        assertEquals(13, sent.size(), "every frame");
        assertContinuous(sent);
        ViewerLayer.State state = layer.state();
        assertNull(state.rid(), "one stream, no rid");
        assertEquals(0, state.rank());
        assertEquals(ALL, state.temporalLayer());
        assertEquals(0, layer.probeTargetBps(), "nothing better to probe for");
        assertFalse(layer.isSimulcast());
    }

    @Test
    void aViewerShortOfTheStreamGetsLayersZeroAndOneThenAllFromALayerSync() {
        warmUp();
        long[] rates = temporalRates();
        estimateBps = (long) (rates[1] / LayerSelector.FIT) + 10_000; // the whole stream does not fit
        List<Sent> sent = new ArrayList<>(frame(true, false, true));
        sent.addAll(watch(40, false));
        assertTrue(sent.stream().allMatch(p -> p.layer() <= 1), "no frame of layer 2");
        assertEquals(1 + 40 / 2, sent.size(), "the keyframe, then every other frame");
        assertContinuous(sent);
        assertEquals(1, layer.state().temporalLayer());
        assertEquals((long) (layers.ranked()[0].peakBitsPerSecond() * Prober.OVERSHOOT), layer.probeTargetBps(),
                "probed up to the most the stream whole carried lately");

        estimateBps = Long.MAX_VALUE;
        List<Sent> noSync = watch(8, false);
        assertTrue(noSync.stream().allMatch(p -> p.layer() <= 1), "layer 2 only from a layer sync");
        sent.addAll(noSync);
        List<Sent> up = watch(8, true);
        assertEquals(8, up.size(), "every frame from the layer sync on");
        sent.addAll(up);
        assertContinuous(sent);
        assertEquals(ALL, layer.state().temporalLayer());
    }

    @Test
    void aViewerFarShortGetsTheBaseLayerWhateverItsFrameRate() {
        warmUp();
        estimateBps = (long) (temporalRates()[0] / LayerSelector.FIT) + 10_000;
        List<Sent> sent = new ArrayList<>(frame(true, false, true));
        sent.addAll(watch(20, false));
        assertTrue(sent.stream().allMatch(p -> p.layer() == 0), "7.5 frames a second: nothing lower to go to");
        assertEquals(1 + 20 / 4, sent.size());
        assertContinuous(sent);
    }

    @Test
    void lowIsTheBaseTemporalLayerAndHighTheWholeStream() {
        warmUp();
        layer.setQuality(Quality.LOW);
        List<Sent> sent = new ArrayList<>(frame(true, false, true));
        sent.addAll(watch(16, false));
        assertTrue(sent.stream().allMatch(p -> p.layer() == 0));
        assertEquals(new ViewerLayer.State(Quality.LOW, null, 0, LayerSelector.Reason.CHOSEN_BY_VIEWER, 0),
                layer.state());
        assertEquals(0, layer.probeTargetBps(), "the viewer's choice: no probe");

        layer.setQuality(Quality.HIGH);
        List<Sent> up = watch(16, true); // layers 2, 1, 2, 0 and so on, each above the base a layer sync
        assertEquals(List.of(1, 2, 0, 2, 1), up.subList(0, 5).stream().map(Sent::layer).toList(),
                "up one layer at each layer sync: not to 2 straight from 0");
        assertEquals(15, up.size());
        sent.addAll(up);
        assertContinuous(sent);
        assertEquals(ALL, layer.state().temporalLayer());
    }

    @Test
    void whatArrivesIsForwardedWhileTheStreamIsNotRanked() {
        warmUp();
        List<Sent> sent = new ArrayList<>(frame(true, false, true));
        sent.addAll(watch(4, false));
        now += 2000 * MS; // the broadcaster paused: idle, so not ranked
        fixture.streams.rankLayers(now);
        assertEquals(0, layers.ranked().length);
        List<Sent> resumed = frame(false, false, true);
        assertEquals(1, resumed.size(), "forwarded before the next ranking");
        sent.addAll(resumed);
        sent.addAll(watch(4, false));
        assertEquals(10, sent.size());
        assertContinuous(sent);
    }

    @Test
    void aNewSourceIsForwardedFromItsKeyframeBeforeItIsRanked() {
        warmUp();
        List<Sent> sent = new ArrayList<>(frame(true, false, true));
        sent.addAll(watch(4, false));
        source = "t"; // a new SSRC: the broadcaster switched sources
        seq = 7;
        List<Sent> key = frame(true, false, true);
        assertEquals(1, key.size(), "its keyframe at once");
        sent.addAll(key);
        sent.addAll(watch(4, false));
        assertEquals(10, sent.size());
        for (int i = 1; i < sent.size(); i++) {
            assertEquals((sent.get(i - 1).seq() + 1) & 0xFFFF, sent.get(i).seq(), "no gap before packet " + i);
        }
    }
}
