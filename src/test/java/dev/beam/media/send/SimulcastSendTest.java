package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * A viewer of a simulcast track: it gets the layer chosen, switches at the next layer's keyframe,
 * sees one continuous numbering throughout, and can have packets from before a switch resent.
 */
class SimulcastSendTest {
    private static final long MS = 1_000_000;
    private static final long VIEWER_SSRC = 0xCAFE;

    private final SimulcastFixture fixture = new SimulcastFixture();
    private final TrackLayers layers = fixture.streams.layers(SimulcastFixture.VIDEO);
    private long estimate = Long.MAX_VALUE;
    private final ViewerLayer layer = new ViewerLayer(layers, () -> estimate, () -> 0);
    private final SendStream stream = new SendStream(new ViewerTrack(MediaStats.Kind.VIDEO, "1", 100, 90_000,
            VIEWER_SSRC, 0, null, 0, 0), layer, new MediaStats());
    private final Outgoing out = new Outgoing();
    private final int[] seq = new int[128];
    private long now = 1000 * MS;

    /** One frame on every layer: the high one carries most, so it ranks first. */
    private List<byte[]> frame(boolean key) {
        List<byte[]> sent = new ArrayList<>();
        for (String rid : List.of("h", "m", "l")) {
            byte[] payload = Arrays.copyOf(key ? SimulcastFixture.KEY : SimulcastFixture.DELTA,
                    switch (rid) { case "h" -> 1000; case "m" -> 300; default -> 60; });
            Packet packet = fixture.received(rid, ++seq[rid.charAt(0)] + rid.charAt(0) * 100,
                    now / MS * 90, payload, now);
            out.forwarding(packet);
            if (stream.admit(out, now) && stream.rewrite(out)) {
                stream.count(out, now);
                sent.add(Arrays.copyOf(out.buf, out.length));
            }
            packet.release();
        }
        now += 33 * MS;
        fixture.streams.rankLayers(now);
        return sent;
    }

    private static long payloadLength(byte[] sent) {
        return sent.length - RtpPacket.headerLength(sent, 0, sent.length);
    }

    @Test
    void theViewerGetsItsLayerAndSwitchesAtTheNextLayersKeyframeWithOneNumbering() {
        frame(false); // the layers are heard and ranked
        frame(false);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.addAll(frame(i == 0));
        }
        assertEquals(5, sent.size(), "one packet a frame: the high layer's");
        sent.forEach(p -> assertEquals(1000, payloadLength(p), "payload of the high layer"));

        layer.setQuality(Quality.LOW);
        now += 200 * MS;
        int requests = fixture.keyframeRequests.get();
        List<byte[]> beforeKey = frame(false);
        assertEquals(1, beforeKey.size(), "still the high layer until the low one's keyframe");
        assertEquals(1000, payloadLength(beforeKey.get(0)));
        assertTrue(fixture.keyframeRequests.get() > requests, "a keyframe of the low layer asked for");
        assertEquals(fixture.stream("h"), stream.source());
        assertEquals(fixture.stream("l"), stream.keyframeSource(), "the viewer's PLIs go to the layer it moves to");
        List<byte[]> keyFrame = frame(true);
        assertEquals(List.of(1000, 60), keyFrame.stream().map(p -> (int) payloadLength(p)).toList(),
                "the high layer's last packet, then the low layer from its keyframe");
        List<byte[]> afterKey = new ArrayList<>(List.of(keyFrame.get(1)));
        afterKey.addAll(frame(false));
        assertEquals(2, afterKey.size());
        afterKey.forEach(p -> assertEquals(60, payloadLength(p), "payload of the low layer"));

        List<byte[]> all = new ArrayList<>(sent);
        all.addAll(beforeKey);
        all.addAll(keyFrame);
        all.add(afterKey.get(1));
        for (int i = 1; i < all.size(); i++) {
            assertEquals((RtpPacket.sequenceNumber(all.get(i - 1), 0) + 1) & 0xFFFF,
                    RtpPacket.sequenceNumber(all.get(i), 0), "no gap at packet " + i);
            assertTrue(RtpPacket.timestamp(all.get(i), 0) > RtpPacket.timestamp(all.get(i - 1), 0), "time goes on");
            assertEquals(VIEWER_SSRC, RtpPacket.ssrc(all.get(i), 0));
        }

        // A NACK for a packet sent before the switch: resent from the high layer, as first sent.
        byte[] beforeSwitch = sent.get(3);
        Outgoing retransmission = new Outgoing();
        assertTrue(stream.retransmission(RtpPacket.sequenceNumber(beforeSwitch, 0), retransmission));
        assertTrue(stream.rewrite(retransmission));
        assertArrayEquals(beforeSwitch, Arrays.copyOf(retransmission.buf, retransmission.length));
        byte[] afterSwitch = afterKey.get(1);
        assertTrue(stream.retransmission(RtpPacket.sequenceNumber(afterSwitch, 0), retransmission));
        assertTrue(stream.rewrite(retransmission));
        assertArrayEquals(afterSwitch, Arrays.copyOf(retransmission.buf, retransmission.length));
    }

    /** One packet of one layer, sent on if admitted; returns it as the viewer gets it, or null. */
    private byte[] packet(String rid, boolean key) {
        byte[] payload = Arrays.copyOf(key ? SimulcastFixture.KEY : SimulcastFixture.DELTA,
                switch (rid) { case "h" -> 1000; case "m" -> 300; default -> 60; });
        Packet packet = fixture.received(rid, ++seq[rid.charAt(0)] + rid.charAt(0) * 100, now / MS * 90, payload, now);
        try {
            out.forwarding(packet);
            if (stream.admit(out, now) && stream.rewrite(out)) {
                stream.count(out, now);
                return Arrays.copyOf(out.buf, out.length);
            }
            return null;
        } finally {
            packet.release();
        }
    }

    /** The viewer on the high layer, then its link narrows far below it. */
    private void narrowedOnTheHighLayer() {
        frame(false);
        frame(false);
        for (int i = 0; i < 5; i++) {
            frame(i == 0);
        }
        estimate = 20_000; // the high layer's rate (57 kbit/s over these few frames) is more than twice that
        now += 200 * MS;
    }

    @Test
    void aLayerFarOverTheEstimateStopsAtOnceWhileTheSwitchWaitsForTheKeyframe() {
        narrowedOnTheHighLayer();
        int requests = fixture.keyframeRequests.get();
        assertEquals(List.of(), frame(false), "the high layer would only fill the narrowed link and have the "
                + "low layer's keyframe lost");
        assertTrue(fixture.keyframeRequests.get() > requests, "the low layer's keyframe asked for");
        List<byte[]> low = frame(true);
        assertEquals(1, low.size());
        assertEquals(60, payloadLength(low.get(0)), "the low layer from its keyframe");
    }

    @Test
    void aLayerStoppedAtOnceGoesOnAgainOnlyFromAKeyframe() {
        narrowedOnTheHighLayer();
        assertEquals(List.of(), frame(false), "stopped while the low layer's keyframe is waited for");
        estimate = Long.MAX_VALUE; // the estimate comes back before the switch
        now += 200 * MS;
        assertEquals(List.of(), frame(false), "the high layer lost frames: none of it until its keyframe");
        List<byte[]> again = frame(true);
        assertEquals(1, again.size());
        assertEquals(1000, payloadLength(again.get(0)), "the high layer again, from its keyframe");
        assertEquals(1, frame(false).size(), "and on");
    }

    @Test
    void aViewerStartsOnTheWantedLayersKeyframeNotOnALowerOnesThatCameFirst() {
        frame(false); // heard and ranked, no keyframe yet: nothing goes
        assertEquals(0, frame(false).size());
        assertNull(packet("l", true), "a lower layer's keyframe is no start: the estimate would follow its rate down");
        assertNull(packet("m", true));
        byte[] start = packet("h", true);
        assertNotNull(start, "the wanted layer from its keyframe");
        assertEquals(1000, payloadLength(start));
    }

    /** A VP8 payload with a 15-bit picture id and TL0PICIDX (RFC 7741 §4.2), key or delta, padded to a size. */
    private static byte[] vp8(int pictureId, int tl0PicIdx, boolean key, int size) {
        byte[] payload = new byte[size];
        byte[] head = {(byte) 0x90, (byte) 0xC0, (byte) (0x80 | pictureId >> 8), (byte) pictureId, (byte) tl0PicIdx,
            (byte) (key ? 0x50 : 0x51), 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A};
        System.arraycopy(head, 0, payload, 0, head.length);
        return payload;
    }

    @Test
    void picturesIdsAndTl0PicIdxCarryOnAcrossASwitch() {
        int[] pictureId = {1000, 0, 32_760};
        int[] tl0 = {5, 0, 250};
        List<String> rids = List.of("h", "m", "l");
        List<byte[]> sent = new ArrayList<>();
        for (int frame = 0; frame < 30; frame++) {
            if (frame == 12) {
                layer.setQuality(Quality.LOW);
                now += 200 * MS;
            }
            for (int i = 0; i < 3; i += 2) {
                String rid = rids.get(i);
                boolean key = frame % 6 == 0;
                Packet packet = fixture.received(rid, ++seq[rid.charAt(0)] + rid.charAt(0) * 100, now / MS * 90,
                        vp8(pictureId[i]++ & 0x7FFF, tl0[i]++ & 0xFF, key, i == 0 ? 1000 : 60), now);
                out.forwarding(packet);
                if (stream.admit(out, now) && stream.rewrite(out)) {
                    stream.count(out, now);
                    sent.add(Arrays.copyOf(out.buf, out.length));
                }
                packet.release();
            }
            now += 33 * MS;
            fixture.streams.rankLayers(now);
        }
        int low = 0;
        for (int i = 1; i < sent.size(); i++) {
            assertEquals((PictureNumbering.VP8.pictureId(sent.get(i - 1), 0, sent.get(i - 1).length) + 1) & 0x7FFF,
                    PictureNumbering.VP8.pictureId(sent.get(i), 0, sent.get(i).length), "picture id at " + i);
            assertEquals((PictureNumbering.VP8.tl0PicIdx(sent.get(i - 1), 0, sent.get(i - 1).length) + 1) & 0xFF,
                    PictureNumbering.VP8.tl0PicIdx(sent.get(i), 0, sent.get(i).length), "TL0PICIDX at " + i);
            low += payloadLength(sent.get(i)) == 60 ? 1 : 0;
        }
        assertTrue(low > 5, "switched to the low layer: " + low);
    }

    @Test
    void aLayerTheBroadcasterStopsIsLeftWithinASecond() {
        frame(false);
        frame(true);
        assertEquals(3, layers.ranked().length);
        for (int i = 0; i < 40; i++) { // 1.3 s of only the middle and low layers
            for (String rid : List.of("m", "l")) {
                Packet packet = fixture.received(rid, ++seq[rid.charAt(0)] + rid.charAt(0) * 100, now / MS * 90,
                        Arrays.copyOf(i == 35 ? SimulcastFixture.KEY : SimulcastFixture.DELTA, rid.equals("m") ? 300 : 60),
                        now);
                out.forwarding(packet);
                if (stream.admit(out, now)) {
                    assertTrue(i >= 35, "the middle layer from its keyframe on, at packet " + i);
                }
                packet.release();
            }
            now += 33 * MS;
            fixture.streams.rankLayers(now);
        }
        assertEquals(2, layers.ranked().length, "the stopped layer is no longer offered");
        assertEquals(fixture.stream("m"), layer.choice().stream());
    }

    @Test
    void withNoLayerRankedNothingIsForwarded() {
        Packet packet = fixture.received("h", 1, 0, SimulcastFixture.KEY, now);
        out.forwarding(packet);
        assertNull(layer.choice().stream());
        assertTrue(!stream.admit(out, now));
        packet.release();
        fixture.streams.rankLayers(now);
        assertNotNull(layers.ranked()[0]);
    }
}
