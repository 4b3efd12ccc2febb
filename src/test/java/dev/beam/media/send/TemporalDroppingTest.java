package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.receive.TrackLayers;
import dev.beam.media.rtp.PictureNumbering;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.TemporalLayering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A viewer whose estimate is just short of a layer's full rate gets it without its top temporal
 * layer: the frames of that layer are not sent, and what is sent has consecutive sequence numbers
 * and picture ids, wrapping around, and can be resent as first sent.
 */
class TemporalDroppingTest {
    private static final long MS = 1_000_000;
    /** L1T3's order of temporal layers: 30 frames a second are 7.5 of layer 0, 7.5 of 1 and 15 of 2. */
    private static final int[] PATTERN = {0, 2, 1, 2};
    /** Bytes of each of a frame's two packets, by layer: layer 0 carries 2/5 of the whole, layer 2 a third. */
    private static final int[] SIZE = {500, 300, 200};

    private SimulcastFixture fixture;
    private TrackLayers layers;
    private long estimateBps = Long.MAX_VALUE;
    private ViewerLayer layer;
    private SendStream stream;
    private final Outgoing out = new Outgoing();
    private long now = 1000 * MS;
    private int seq = 65_452; // the viewer's numbers wrap soon after the warm-up
    private int pictureId = 32_720;
    private int tl0PicIdx = 250;
    private int frames;
    private boolean vp9;

    private void start(SourceTrack track) {
        fixture = new SimulcastFixture(track);
        vp9 = track == SimulcastFixture.VP9;
        layers = fixture.streams.layers(track);
        layer = new ViewerLayer(layers, () -> estimateBps, () -> 0);
        stream = new SendStream(new ViewerTrack(MediaStats.Kind.VIDEO, "1", 100, 90_000, 0xCAFE, 0, null, 0, 0), layer,
                new MediaStats());
    }

    /** A packet as the viewer got it, and the source's temporal layer of it. */
    private record Sent(byte[] rtp, int layer) {
        int seq() {
            return RtpPacket.sequenceNumber(rtp, 0);
        }

        int pictureId(PictureNumbering numbering) {
            return numbering.pictureId(rtp, 0, rtp.length);
        }
    }

    /**
     * The next frame of the pattern, two packets, on the high layer (the only one sending), to
     * the viewer when {@code watched}; a keyframe, or a layer sync (VP8 Y, VP9 U) where asked.
     */
    private List<Sent> frame(boolean key, boolean sync, boolean watched) {
        int temporal = key ? 0 : PATTERN[frames % PATTERN.length];
        if (temporal == 0) {
            tl0PicIdx = (tl0PicIdx + 1) & 0xFF;
        }
        List<Sent> sent = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            byte[] payload = vp9 ? vp9(key, part == 0, part == 1, temporal, sync) : vp8(key, part == 0, temporal, sync);
            Packet packet = fixture.received("h", seq, frames * 3000L, payload, part == 1, now);
            seq = (seq + 1) & 0xFFFF;
            if (watched) {
                out.forwarding(packet);
                if (stream.admit(out, now) && stream.rewrite(out)) {
                    stream.count(out, now);
                    sent.add(new Sent(Arrays.copyOf(out.buf, out.length), temporal));
                }
            }
            packet.release();
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        frames++;
        now += 33 * MS;
        fixture.streams.rankLayers(now);
        return sent;
    }

    private byte[] vp8(boolean key, boolean first, int temporal, boolean sync) {
        byte[] payload = new byte[SIZE[temporal]];
        byte[] head = {(byte) (first ? 0x90 : 0x80), (byte) 0xE0, (byte) (0x80 | pictureId >> 8), (byte) pictureId,
            (byte) tl0PicIdx, (byte) (temporal << 6 | (sync ? 0x20 : 0)), (byte) (key ? 0x50 : 0x51), 0x42, 0x00,
            (byte) 0x9D, 0x01, 0x2A, 0x40, 0x01, (byte) 0xB4, 0x00};
        System.arraycopy(head, 0, payload, 0, head.length);
        return payload;
    }

    /** RFC 9628 §4.2, non-flexible mode: I, P, L, B and E, a 15-bit picture id, TID/U/SID/D, TL0PICIDX. */
    private byte[] vp9(boolean key, boolean begins, boolean ends, int temporal, boolean switchUp) {
        byte[] payload = new byte[SIZE[temporal]];
        int flags = 0x80 | (key ? 0 : 0x40) | 0x20 | (begins ? 0x08 : 0) | (ends ? 0x04 : 0);
        byte[] head = {(byte) flags, (byte) (0x80 | pictureId >> 8), (byte) pictureId,
            (byte) (temporal << 5 | (switchUp ? 0x10 : 0)), (byte) tl0PicIdx};
        System.arraycopy(head, 0, payload, 0, head.length);
        return payload;
    }

    /** A second of frames heard but not yet watched, so that the layers' rates are known. */
    private void warmUp() {
        frame(true, false, false);
        for (int i = 0; i < 31; i++) {
            frame(false, false, false);
        }
    }

    private List<Sent> watch(int count, boolean syncs) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.addAll(frame(false, syncs && PATTERN[frames % PATTERN.length] == 2, true));
        }
        return sent;
    }

    private static void assertContinuous(List<Sent> sent, PictureNumbering numbering) {
        for (int i = 1; i < sent.size(); i++) {
            assertEquals((sent.get(i - 1).seq() + 1) & 0xFFFF, sent.get(i).seq(), "no gap before packet " + i);
            int previous = sent.get(i - 1).pictureId(numbering);
            int id = sent.get(i).pictureId(numbering);
            assertTrue(id == previous || id == ((previous + 1) & 0x7FFF), "picture " + id + " after " + previous);
        }
    }

    private List<Sent> startCapped(SourceTrack track) {
        start(track);
        warmUp();
        long[] rates = layers.ranked()[0].temporalBitsPerSecond();
        assertEquals(3, rates.length, "three temporal layers measured");
        estimateBps = (long) (rates[1] / LayerSelector.FIT) + 10_000; // the whole layer does not fit
        List<Sent> sent = new ArrayList<>(frame(true, false, true));
        sent.addAll(watch(40, false));
        assertEquals(1, layer.state().temporalLayer(), "the top temporal layer left out");
        return sent;
    }

    @Test
    void perTemporalLayerRatesAddUp() {
        start(SimulcastFixture.VIDEO);
        warmUp();
        TrackLayers.Layer high = layers.ranked()[0];
        long[] rates = high.temporalBitsPerSecond();
        assertEquals(3, rates.length);
        assertEquals(high.bitsPerSecond(), rates[2], "all layers are the whole stream");
        // Per 4 frames of 2 packets: 1000 + 200 + 800 bytes of payload (and the same headers each).
        assertTrue(rates[0] < rates[1] && rates[1] < rates[2], Arrays.toString(rates));
        double withoutTop = (double) rates[1] / rates[2];
        assertTrue(withoutTop > 0.55 && withoutTop < 0.7, "layers 0 and 1 carry about 3/5: " + withoutTop);
        long[] frames = high.temporalFramesPerSecond();
        assertEquals(3, frames.length, Arrays.toString(frames));
        assertTrue(frames[0] > 0 && Math.abs(frames[1] - 2 * frames[0]) <= 1 && Math.abs(frames[2] - 2 * frames[1]) <= 1,
                "frames in layers 0, 2, 1, 2 order: each layer doubles the rate: " + Arrays.toString(frames));
    }

    @Test
    void droppedFramesLeaveNoGapInSequenceNumbersOrPictureIdsAcrossWrapAround() {
        List<Sent> sent = startCapped(SimulcastFixture.VIDEO);
        assertTrue(sent.stream().allMatch(p -> p.layer() <= 1), "no frame of layer 2 sent");
        assertEquals(2 + 40 / 2 * 2, sent.size(), "the keyframe, then every other frame, two packets each");
        assertContinuous(sent, PictureNumbering.VP8);
        assertTrue(sent.stream().anyMatch(p -> p.seq() < 100) && sent.stream().anyMatch(p -> p.seq() > 65_000),
                "sequence numbers wrapped");
        assertTrue(sent.stream().anyMatch(p -> p.pictureId(PictureNumbering.VP8) < 100),
                "picture ids wrapped");
        for (Sent p : sent) {
            int tl0 = PictureNumbering.VP8.tl0PicIdx(p.rtp(), 0, p.rtp().length);
            assertTrue(tl0 >= 250 || tl0 < 20, "TL0PICIDX as the source's: " + tl0);
        }
        int lastTl0 = PictureNumbering.VP8.tl0PicIdx(sent.getLast().rtp(), 0, sent.getLast().rtp().length);
        assertEquals(tl0PicIdx, lastTl0, "TL0PICIDX unchanged");
    }

    @Test
    void aNackAfterDropsGetsThePacketAsFirstSentAcrossALayerSwitch() {
        List<Sent> sent = startCapped(SimulcastFixture.VIDEO);
        Outgoing retransmission = new Outgoing();
        for (Sent p : List.of(sent.get(7), sent.get(30), sent.getLast())) {
            assertTrue(stream.retransmission(p.seq(), retransmission), "resent " + p.seq());
            assertTrue(stream.rewrite(retransmission));
            assertArrayEquals(p.rtp(), Arrays.copyOf(retransmission.buf, retransmission.length), "as first sent");
        }
        estimateBps = Long.MAX_VALUE; // up to the whole layer, at the next layer sync
        sent.addAll(watch(4, false));
        assertTrue(sent.stream().allMatch(p -> p.layer() <= 1), "no layer 2 frame before a layer sync");
        assertEquals(LayerSelector.ALL_TEMPORAL_LAYERS, layer.state().temporalLayer(), "all layers wanted");
        List<Sent> up = watch(8, true);
        assertEquals(16, up.size(), "every frame from the layer sync on");
        sent.addAll(up);
        assertContinuous(sent, PictureNumbering.VP8);
        for (Sent p : List.of(sent.get(12), sent.get(sent.size() - 20), sent.getLast())) {
            assertTrue(stream.retransmission(p.seq(), retransmission), "resent " + p.seq());
            assertTrue(stream.rewrite(retransmission));
            assertArrayEquals(p.rtp(), Arrays.copyOf(retransmission.buf, retransmission.length), "as first sent");
        }
        assertFalse(stream.retransmission((sent.getLast().seq() + 1) & 0xFFFF, retransmission), "never sent");
    }

    @Test
    void goingUpWaitsForALayerSyncAndGoingDownIsAtTheNextFrame() {
        List<Sent> sent = startCapped(SimulcastFixture.VIDEO);
        estimateBps = Long.MAX_VALUE;
        List<Sent> noSync = watch(12, false);
        assertTrue(noSync.stream().allMatch(p -> p.layer() <= 1), "no layer sync, no layer 2");
        sent.addAll(noSync);
        List<Sent> up = watch(4, true);
        assertEquals(8, up.size());
        estimateBps = layers.ranked()[0].temporalBitsPerSecond()[1] * 10 / 25; // far over: at once
        List<Sent> down = watch(8, true);
        assertTrue(down.stream().allMatch(p -> p.layer() <= 1), "down at once, layer syncs or not");
        List<Sent> all = new ArrayList<>(sent);
        all.addAll(up);
        all.addAll(down);
        assertContinuous(all, PictureNumbering.VP8);
    }

    @Test
    void aReorderedPacketKeepsTheNumberOfItsPlace() {
        startCapped(SimulcastFixture.VIDEO);
        // Layer 0 frame then a layer 2 one (dropped), then layer 1 whose packets arrive swapped.
        while (PATTERN[frames % PATTERN.length] != 0) {
            watch(1, false);
        }
        List<Sent> sent = new ArrayList<>(watch(2, false));
        int temporal = PATTERN[frames % PATTERN.length];
        assertEquals(1, temporal);
        Packet first = fixture.received("h", seq, frames * 3000L, vp8(false, true, temporal, false), now);
        Packet second = fixture.received("h", (seq + 1) & 0xFFFF, frames * 3000L, vp8(false, false, temporal, false),
                now);
        seq = (seq + 2) & 0xFFFF;
        for (Packet packet : List.of(second, first)) {
            out.forwarding(packet);
            assertTrue(stream.admit(out, now) && stream.rewrite(out));
            stream.count(out, now);
            sent.add(new Sent(Arrays.copyOf(out.buf, out.length), temporal));
            packet.release();
        }
        Sent late = sent.removeLast();
        sent.add(sent.size() - 1, late);
        assertContinuous(sent, PictureNumbering.VP8);
    }

    @Test
    void vp9NonFlexibleDropsTheSameWayAndGoesUpAtASwitchingUpPoint() {
        List<Sent> sent = startCapped(SimulcastFixture.VP9);
        assertTrue(sent.stream().allMatch(p -> p.layer() <= 1), "no frame of layer 2 sent");
        assertContinuous(sent, PictureNumbering.VP9);
        estimateBps = Long.MAX_VALUE;
        List<Sent> beforeSwitchUp = watch(4, false);
        assertTrue(beforeSwitchUp.stream().allMatch(p -> p.layer() <= 1));
        sent.addAll(beforeSwitchUp);
        // U on a frame of layer 1, forwarded: layer 2 follows from the next frame.
        while (PATTERN[frames % PATTERN.length] != 1) {
            sent.addAll(watch(1, false));
        }
        sent.addAll(frame(false, true, true));
        List<Sent> up = watch(4, false);
        assertEquals(8, up.size(), "every frame after the switching up point");
        sent.addAll(up);
        assertContinuous(sent, PictureNumbering.VP9);
    }

    @Test
    void aLatePacketOfADroppedFrameIsNeitherSentNorResent() {
        List<Sent> sent = startCapped(SimulcastFixture.VIDEO);
        while (PATTERN[frames % PATTERN.length] != 2) {
            sent.addAll(watch(1, false));
        }
        // A layer 2 frame whose second packet comes only after the next frame's.
        Packet first = fixture.received("h", seq, frames * 3000L, vp8(false, true, 2, false), now);
        int lateSeq = (seq + 1) & 0xFFFF;
        seq = (seq + 2) & 0xFFFF;
        out.forwarding(first);
        assertFalse(stream.admit(out, now), "layer 2 dropped");
        first.release();
        pictureId = (pictureId + 1) & 0x7FFF;
        frames++;
        List<Sent> next = watch(1, false);
        assertEquals(2, next.size());
        int gap = (sent.getLast().seq() + 1) & 0xFFFF;
        assertEquals((gap + 1) & 0xFFFF, next.getFirst().seq(), "the missing packet keeps a number: it may be sent");
        Packet late = fixture.received("h", lateSeq, (frames - 2) * 3000L, vp8(false, false, 2, false), now);
        out.forwarding(late);
        assertFalse(stream.admit(out, now), "still of layer 2: not sent");
        late.release();
        assertFalse(stream.retransmission(gap, new Outgoing()), "nor resent when the viewer asks for its number");
        sent.addAll(next);
        sent.addAll(watch(8, false));
        List<Sent> after = sent.subList(sent.indexOf(next.getFirst()), sent.size());
        assertContinuous(after, PictureNumbering.VP8);
    }

    @Test
    void onlyTheLastMappingsAreKeptAndAnOlderNumberIsNotResent() {
        List<Sent> sent = startCapped(SimulcastFixture.VIDEO);
        sent.addAll(watch(4 * RecentMappings.KEPT, false)); // a new mapping after each dropped frame
        Outgoing retransmission = new Outgoing();
        assertFalse(stream.retransmission(sent.get(3).seq(), retransmission), "its mapping is gone");
        Sent recent = sent.get(sent.size() - 5);
        assertTrue(stream.retransmission(recent.seq(), retransmission));
        assertTrue(stream.rewrite(retransmission));
        assertArrayEquals(recent.rtp(), Arrays.copyOf(retransmission.buf, retransmission.length));
    }

    @Test
    void vp9GoesUpAtASwitchingUpPointOfTheLayerAboveToo() {
        List<Sent> sent = startCapped(SimulcastFixture.VP9);
        estimateBps = Long.MAX_VALUE;
        while (PATTERN[frames % PATTERN.length] != 1) {
            sent.addAll(watch(1, false));
        }
        assertTrue(sent.stream().allMatch(p -> p.layer() <= 1), "no layer 2 without a switching up point");
        List<Sent> up = watch(4, true); // U on the layer 2 pictures (Chromium's reading: they use layer 0 only)
        assertEquals(List.of(1, 1, 2, 2, 0, 0, 2, 2), up.stream().map(Sent::layer).toList(),
                "every picture from the first switching up point of layer 2 on");
        sent.addAll(up);
        assertContinuous(sent, PictureNumbering.VP9);
    }

    @Test
    void vp9FlexibleModeIsNeverDropped() {
        byte[] rtp = new byte[40];
        rtp[0] = (byte) 0x80;
        rtp[12] = (byte) (0x80 | 0x40 | 0x20 | 0x10 | 0x08); // I, P, L, F, B
        rtp[13] = (byte) 0x81;
        rtp[15] = (byte) (2 << 5); // TID 2
        assertEquals(0, TemporalLayering.VP9.temporalLayer(rtp, 0, rtp.length), "read as layer 0: kept");
        rtp[12] &= ~0x10;
        assertEquals(2, TemporalLayering.VP9.temporalLayer(rtp, 0, rtp.length));
    }
}
