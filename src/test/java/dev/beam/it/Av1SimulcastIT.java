package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.rtp.DependencyDescriptor;
import dev.beam.media.rtp.ExtensionElements;
import dev.beam.media.rtp.L1T3Descriptors;
import dev.beam.media.rtp.RtpHeaderWriter;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AV1 simulcast with the dependency descriptor, from a Java publisher over WHIP to a viewer on /ws: the
 * descriptor is negotiated both ways (with a=extmap-allow-mixed), and the viewer gets it under its own id,
 * with one run of frame numbers across switches of layer, each switch at the new layer's keyframe, whose
 * descriptor brings the layer's structure.
 */
class Av1SimulcastIT {
    private static final int[] SIZES = {150, 450, 1100};
    private static final int KEYFRAME_EVERY = 10;
    /** Where a packet's payload names its layer. */
    private static final int LAYER_AT = 14;
    /** Bounded: the sender stops after this many frames (30 a second) whatever happens. */
    private static final int MAX_FRAMES = 30 * 30;
    /** Template ids from 20: the viewer's descriptors are the broadcaster's but for the frame number. */
    private static final int TEMPLATE_OFFSET = 20;
    private static final String[] RIDS = SimulcastIT.RIDS;
    /** The id a sending {@link OfferSpec} gives the dependency descriptor. */
    private static final int BROADCASTER_DD = 12;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void theDescriptorGoesOnUnderTheViewersIdWithOneRunOfFrameNumbersAcrossSwitches() throws Exception {
        PeerBroadcast broadcast = PeerBroadcast.inNewRoom("av1-simulcast-it", open);
        OfferSpec sends = OfferSpec.sendSimulcast(SimulcastIT.AUDIO_SSRC, RIDS).withAv1();
        assertEquals(BROADCASTER_DD, sends.dependencyDescriptorId());
        TestPeer broadcaster = open.keep(TestPeer.create(sends));
        HttpResponse<String> published = WishClient.offer("/whip/" + broadcast.room(), broadcaster.offer());
        assertEquals(201, published.statusCode(), published.body());
        String answer = published.body();
        assertTrue(answer.contains("a=extmap-allow-mixed") && answer.contains("AV1/90000")
                && answer.contains("a=extmap:" + sends.dependencyDescriptorId() + " "
                        + OfferSpec.DEPENDENCY_DESCRIPTOR), answer);
        broadcaster.accept(answer);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);

        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().name("av1-simulcast-it sender").start(() -> send(broadcaster, sending));
        try {
            OfferSpec receives = OfferSpec.receive().withAv1();
            TestPeer viewer = open.keep(TestPeer.create(receives));
            PeerBroadcast.Viewing viewing = broadcast.watch(viewer);
            assertTrue(viewing.sdp().contains("a=extmap:" + receives.dependencyDescriptorId() + " "
                    + OfferSpec.DEPENDENCY_DESCRIPTOR), viewing.sdp());
            SimulcastIT.setQuality(viewing, "high");
            TimeUnit.MILLISECONDS.sleep(1500);
            List<byte[]> received = new ArrayList<>(SimulcastIT.drainVideo(viewer));
            assertTrue(received.size() > 10, "video: " + received.size());
            for (String quality : new String[] {"low", "high", "medium"}) {
                SimulcastIT.setQuality(viewing, quality);
                TimeUnit.MILLISECONDS.sleep(1200);
                received.addAll(SimulcastIT.drainVideo(viewer));
                assertEquals(quality.charAt(0), (char) layerOf(received.getLast()), "now " + quality);
            }
            int viewerId = receives.dependencyDescriptorId();
            int switches = 0;
            int structures = 0;
            for (int i = 0; i < received.size(); i++) {
                byte[] packet = received.get(i);
                int at = RtpPacket.findExtension(packet, 0, packet.length, viewerId);
                assertTrue(at > 0, "the descriptor under the viewer's id, packet " + i);
                assertTrue(RtpPacket.findExtension(packet, 0, packet.length, sends.dependencyDescriptorId()) < 0,
                        "and not under the broadcaster's");
                int length = RtpPacket.extensionLength(packet, 0, packet.length, at);
                boolean structure = DependencyDescriptor.attachesStructure(packet, at, length);
                structures += structure ? 1 : 0;
                if (i == 0) {
                    continue;
                }
                byte[] previous = received.get(i - 1);
                assertEquals((RtpPackets.sequenceNumber(previous) + 1) & 0xFFFF, RtpPackets.sequenceNumber(packet),
                        "no gap in the viewer's numbering at packet " + i);
                int at0 = RtpPacket.findExtension(previous, 0, previous.length, viewerId);
                int before = DependencyDescriptor.frameNumber(previous, at0,
                        RtpPacket.extensionLength(previous, 0, previous.length, at0));
                assertEquals((before + 1) & 0xFFFF, DependencyDescriptor.frameNumber(packet, at, length),
                        "one frame a packet, every frame forwarded: frame numbers one apart, packet " + i);
                if (layerOf(packet) != layerOf(previous)) {
                    switches++;
                    assertTrue(structure, "a switch at the new layer's keyframe, with its structure, packet " + i);
                }
            }
            // Three asked for; a viewer may also start on a lower layer's keyframe and move up to high.
            assertTrue(switches >= 3, "switches: " + switches);
            System.out.println("AV1 simulcast: " + received.size() + " packets, " + switches + " switches, "
                    + structures + " with the structure");
        } finally {
            sending.set(false);
            sender.join(5000);
            WishClient.delete(published.headers().firstValue("Location").orElseThrow());
        }
    }

    /** One packet per layer per frame, 30 frames a second, a keyframe on every layer every tenth frame. */
    private static void send(TestPeer broadcaster, AtomicBoolean sending) {
        int[] seq = {100, 2000, 30000};
        int[] frameNumbers = {65_000, 1_000, 30_000};
        FrameClock clock = new FrameClock();
        for (int frame = 0; frame < MAX_FRAMES && sending.get(); frame++) {
            for (int layer = 0; layer < RIDS.length; layer++) {
                byte[] rtp = layerPacket(layer, seq[layer]++ & 0xFFFF, frame, frameNumbers[layer]++ & 0xFFFF);
                broadcaster.sendRtp(rtp, 0, rtp.length);
            }
            try {
                clock.awaitFrameAfter(frame);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * A frame's one packet of a layer: the AV1 aggregation header (N on a keyframe), the layer's name in the
     * payload, and the dependency descriptor of Chromium's L1T3 (the structure on keyframes, in the two-byte
     * form) after the rid.
     */
    private static byte[] layerPacket(int layer, int seq, int frame, int frameNumber) {
        int place = frame % KEYFRAME_EVERY;
        boolean key = place == 0;
        byte[] payload = new byte[SIZES[layer]];
        payload[0] = (byte) (key ? 0x18 : 0x10);
        payload[LAYER_AT] = (byte) RIDS[layer].charAt(0);
        byte[] descriptor = key ? L1T3Descriptors.keyframe(TEMPLATE_OFFSET, frameNumber, true, true)
                : L1T3Descriptors.frame(TEMPLATE_OFFSET, L1T3Descriptors.PATTERN_TEMPLATES[place % 4], frameNumber,
                        true, true);
        byte[] plain = RtpPackets.rtpWithRid(OfferSpec.VP8_PT, seq, frame * 3000L, 0x5100_0010L + layer, true,
                OfferSpec.RID_EXTENSION_ID, RIDS[layer], payload);
        ExtensionElements elements = new ExtensionElements();
        byte[] rid = new byte[OfferSpec.RID_EXTENSION_ID + 1];
        rid[OfferSpec.RID_EXTENSION_ID] = OfferSpec.RID_EXTENSION_ID;
        elements.addRemapped(plain, 0, plain.length, rid);
        elements.add(BROADCASTER_DD, descriptor, 0, descriptor.length);
        byte[] rtp = new byte[plain.length + 64];
        int length = RtpHeaderWriter.rewrite(plain, 0, plain.length, rtp, 0, OfferSpec.VP8_PT,
                0x5100_0010L + layer, elements);
        return Arrays.copyOf(rtp, length);
    }

    private static byte layerOf(byte[] rtp) {
        return RtpPackets.payload(rtp)[LAYER_AT];
    }
}
