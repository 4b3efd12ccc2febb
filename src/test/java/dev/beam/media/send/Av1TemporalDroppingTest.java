package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.RtxFormat;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.receive.TrackLayers;
import dev.beam.media.rtp.DependencyDescriptor;
import dev.beam.media.rtp.DependencyStructure;
import dev.beam.media.rtp.L1T3Descriptors;
import dev.beam.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * AV1 in L1T3 with the dependency descriptor, as Chromium sends it ({@link L1T3Descriptors}): a viewer just
 * short of a layer's full rate gets it without its top temporal layer, read from the descriptors. What it gets
 * has consecutive sequence numbers; the descriptor comes under the viewer's own id, its frame numbers the
 * source's plus an offset fixed between switches (a frame names its references by frame number differences,
 * so they must not be compacted), and every frame sent has the frames it refers to sent too.
 */
class Av1TemporalDroppingTest {
    private static final long MS = 1_000_000;
    /** Bytes of each of a frame's two packets, by layer. */
    private static final int[] SIZE = {500, 300, 200};
    /** The viewer's id for the descriptor, not the broadcaster's. */
    private static final int VIEWER_DD = 5;
    /** Template ids wrap: 60, 61, 62, 63, 0. */
    private static final int OFFSET = 60;

    /** One AV1 stream with the descriptor, without simulcast. */
    private static final SourceTrack SINGLE = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "AV1", 90_000, true,
            false, List.of(), 0, RtxFormat.NONE, SimulcastFixture.DD_EXTENSION);

    private SimulcastFixture fixture;
    private TrackLayers layers;
    private long estimateBps = Long.MAX_VALUE;
    private ViewerLayer layer;
    private SendStream stream;
    private final Outgoing out = new Outgoing();
    private long now = 1000 * MS;
    private int frames;
    /** Per rid (by its first letter): sequence number, frame number, place in the L1T3 pattern. */
    private final Map<String, int[]> state = new HashMap<>(Map.of(
            "h", new int[] {65_452, 65_530, 0},
            "m", new int[] {20_000, 1_000, 0},
            "l", new int[] {30_000, 40_000, 0}));

    private void start(SourceTrack track) {
        fixture = new SimulcastFixture(track);
        layers = fixture.streams.layers(track);
        layer = new ViewerLayer(layers, () -> estimateBps, () -> 0);
        stream = new SendStream(new ViewerTrack(MediaStats.Kind.VIDEO, "1", 100, 90_000, 0xCAFE, 0, null, 0, 0, 0,
                VIEWER_DD), layer, new MediaStats());
    }

    /** A packet as the viewer got it, and its frame's source layer and template. */
    private record Sent(byte[] rtp, int layer, int template) {
        int seq() {
            return RtpPacket.sequenceNumber(rtp, 0);
        }

        int descriptorAt() {
            return RtpPacket.findExtension(rtp, 0, rtp.length, VIEWER_DD);
        }

        int descriptorLength() {
            return RtpPacket.extensionLength(rtp, 0, rtp.length, descriptorAt());
        }

        int frameNumber() {
            return DependencyDescriptor.frameNumber(rtp, descriptorAt(), descriptorLength());
        }
    }

    /** One frame, two packets, on each of {@code rids}; to the viewer when {@code watched}. */
    private List<Sent> frame(List<String> rids, boolean key, boolean watched) {
        List<Sent> sent = new ArrayList<>();
        for (String rid : rids) {
            int[] s = state.get(rid);
            if (key) {
                s[2] = 0;
            }
            int template = key ? 0 : L1T3Descriptors.PATTERN_TEMPLATES[s[2]];
            int temporal = key ? 0 : L1T3Descriptors.PATTERN_LAYERS[s[2]];
            for (int part = 0; part < 2; part++) {
                byte[] descriptor = key && part == 0
                        ? L1T3Descriptors.keyframe(OFFSET, s[1], true, false)
                        : L1T3Descriptors.frame(OFFSET, template, s[1], part == 0, part == 1);
                byte[] payload = new byte[SIZE[temporal] / (rid.equals("h") ? 1 : 4)];
                payload[0] = (byte) (key && part == 0 ? 0x18 : 0x10); // W=1, N on a keyframe (AV1 RTP §4.4)
                Packet packet = fixture.received(rid, s[0], frames * 3000L, payload, part == 1, now, descriptor);
                s[0] = (s[0] + 1) & 0xFFFF;
                assertEquals(key && part == 0, packet.isKeyframeStart(), "keyframe by the descriptor");
                if (watched) {
                    out.forwarding(packet);
                    if (stream.admit(out, now) && stream.rewrite(out)) {
                        stream.count(out, now);
                        sent.add(new Sent(Arrays.copyOf(out.buf, out.length), temporal, template));
                    }
                }
                packet.release();
            }
            s[1] = (s[1] + 1) & 0xFFFF;
            s[2] = (s[2] + 1) % L1T3Descriptors.PATTERN_TEMPLATES.length;
        }
        frames++;
        now += 33 * MS;
        fixture.streams.rankLayers(now);
        return sent;
    }

    private List<Sent> watch(int count) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.addAll(frame(List.of("h"), false, true));
        }
        return sent;
    }

    private List<Sent> startCapped() {
        return startCapped(SimulcastFixture.AV1);
    }

    private List<Sent> startCapped(SourceTrack track) {
        start(track);
        frame(List.of("h"), true, false);
        for (int i = 0; i < 31; i++) {
            frame(List.of("h"), false, false);
        }
        long[] rates = layers.ranked()[0].temporalBitsPerSecond();
        assertEquals(3, rates.length, "three temporal layers measured from the descriptors");
        estimateBps = (long) (rates[1] / LayerSelector.FIT) + 10_000; // the whole layer does not fit
        List<Sent> sent = new ArrayList<>(frame(List.of("h"), true, true));
        sent.addAll(watch(40));
        assertEquals(1, layer.state().temporalLayer(), "the top temporal layer left out");
        return sent;
    }

    /** Consecutive sequence numbers; frame numbers that only go up, by whole frames. */
    private static void assertContinuous(List<Sent> sent) {
        for (int i = 1; i < sent.size(); i++) {
            assertEquals((sent.get(i - 1).seq() + 1) & 0xFFFF, sent.get(i).seq(), "no gap before packet " + i);
            int step = (sent.get(i).frameNumber() - sent.get(i - 1).frameNumber()) & 0xFFFF;
            assertTrue(step < 4, "frame number " + sent.get(i).frameNumber() + " after "
                    + sent.get(i - 1).frameNumber());
        }
    }

    /** Every frame sent after the first keyframe refers only to frames sent (its template's fdiffs). */
    private static void assertReferencesSent(List<Sent> sent, DependencyStructure structure) {
        Set<Integer> frameNumbers = new HashSet<>();
        for (Sent p : sent) {
            if (!frameNumbers.isEmpty() && frameNumbers.add(p.frameNumber())) {
                for (int i = 0; i < structure.fdiffCount(p.template()); i++) {
                    int referred = (p.frameNumber() - structure.fdiff(p.template(), i)) & 0xFFFF;
                    assertTrue(frameNumbers.contains(referred), "frame " + p.frameNumber() + " refers to "
                            + referred + ", not sent");
                }
            }
            frameNumbers.add(p.frameNumber());
        }
    }

    private static DependencyStructure structure() {
        return L1T3Descriptors.structure(OFFSET);
    }

    @Test
    void dropsTheTopLayerKeepingFrameNumbersAndEveryReference() {
        List<Sent> sent = startCapped();
        assertTrue(sent.stream().allMatch(p -> p.layer() <= 1), "no frame of layer 2 sent");
        assertEquals(2 + 40 / 2 * 2, sent.size(), "the keyframe, then every other frame, two packets each");
        assertContinuous(sent);
        assertReferencesSent(sent, structure());
        assertTrue(sent.stream().anyMatch(p -> p.seq() < 100) && sent.stream().anyMatch(p -> p.seq() > 65_000),
                "sequence numbers wrapped");
        assertTrue(sent.stream().anyMatch(p -> p.frameNumber() < 100), "frame numbers wrapped");
        int sourceFrame = (state.get("h")[1] - 1) & 0xFFFF;
        assertEquals(sourceFrame, sent.getLast().frameNumber(), "the source's number (the last frame, a T0):"
                + " no offset before a switch, gaps where frames were dropped");
        Sent key = sent.getFirst();
        assertEquals(20, key.descriptorLength(), "the keyframe's descriptor with its structure");
        assertEquals(RtpPacket.PROFILE_TWO_BYTE, (key.rtp()[12] & 0xFF) << 8 | key.rtp()[13] & 0xF0,
                "in the two-byte form");
        assertEquals(3, sent.get(2).descriptorLength(), "a later frame's: the mandatory fields");
        assertTrue(sent.stream().allMatch(p -> RtpPacket.findExtension(p.rtp(), 0, p.rtp().length,
                SimulcastFixture.DD_EXTENSION) < 0), "not under the broadcaster's id");
    }

    @Test
    void goesUpAtTheNextSwitchIndicationForAllLayers() {
        List<Sent> sent = startCapped();
        estimateBps = Long.MAX_VALUE;
        // Wait until the next frame is a T2: it has no switch indication, so it stays dropped.
        while (state.get("h")[2] != 1) {
            sent.addAll(watch(1));
        }
        List<Sent> up = watch(4);
        assertEquals(List.of(1, 1, 2, 2, 0, 0), up.stream().map(Sent::layer).toList(),
                "T2 dropped, then the T1 (-DS: a switch to all layers) and every frame after it");
        assertEquals(LayerSelector.ALL_TEMPORAL_LAYERS, stream.layer().state().temporalLayer());
        sent.addAll(up);
        sent.addAll(watch(8));
        assertContinuous(sent);
        assertReferencesSent(sent, structure());
    }

    @Test
    void aNackIsAnsweredWithTheDescriptorAsFirstSent() {
        List<Sent> sent = startCapped();
        Outgoing retransmission = new Outgoing();
        for (Sent p : List.of(sent.getFirst(), sent.get(7), sent.getLast())) {
            assertTrue(stream.retransmission(p.seq(), retransmission), "resent " + p.seq());
            assertTrue(stream.rewrite(retransmission));
            assertArrayEquals(p.rtp(), Arrays.copyOf(retransmission.buf, retransmission.length), "as first sent");
        }
    }

    @Test
    void aTrackWithoutSimulcastIsThinnedTheSameWay() {
        List<Sent> sent = startCapped(SINGLE);
        assertTrue(sent.stream().allMatch(p -> p.layer() <= 1), "no frame of layer 2 sent");
        assertEquals(2 + 40 / 2 * 2, sent.size());
        assertContinuous(sent);
        assertReferencesSent(sent, structure());
    }

    @Test
    void aSimulcastSwitchCarriesFrameNumbersOnFromTheNewLayersKeyframeAndItsStructure() {
        start(SimulcastFixture.AV1);
        List<String> all = List.of("h", "l");
        frame(all, true, false);
        frame(all, false, false);
        List<Sent> sent = new ArrayList<>(frame(all, true, true));
        for (int i = 0; i < 6; i++) {
            sent.addAll(frame(all, false, true));
        }
        assertEquals(14, sent.size(), "the high layer's frames");
        layer.setQuality(Quality.LOW);
        sent.addAll(frame(all, false, true));
        int before = sent.size();
        List<Sent> key = frame(all, true, true);
        assertEquals(4, key.size(), "the high layer's last frame, then the low one's keyframe");
        sent.addAll(key);
        sent.addAll(frame(all, false, true));
        Sent first = sent.get(before + 2);
        assertEquals(20, first.descriptorLength(), "the low layer's keyframe brings its structure");
        assertTrue(DependencyDescriptor.attachesStructure(first.rtp(), first.descriptorAt(), 20));
        assertEquals((sent.get(before + 1).frameNumber() + 1) & 0xFFFF, first.frameNumber(),
                "frame numbers carry on from the high layer's, not the low one's 40000s");
        assertContinuous(sent);
        assertReferencesSent(sent.subList(before + 2, sent.size()), structure());

        Outgoing retransmission = new Outgoing();
        for (Sent p : List.of(sent.get(3), first, sent.getLast())) {
            assertTrue(stream.retransmission(p.seq(), retransmission), "resent " + p.seq());
            assertTrue(stream.rewrite(retransmission));
            assertArrayEquals(p.rtp(), Arrays.copyOf(retransmission.buf, retransmission.length),
                    "as first sent, either side of the switch");
        }
        assertFalse(stream.retransmission((sent.getLast().seq() + 1) & 0xFFFF, retransmission), "never sent");
    }
}
