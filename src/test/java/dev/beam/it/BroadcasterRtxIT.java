package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.rtp.RtpPacket;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.RtxResender;
import dev.beam.testpeer.TestPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broadcaster's RTX (RFC 4588) through the real signaling and media port, with the Java test peers of
 * {@link MediaForwardingIT} (one stream, a=ssrc-group:FID) and {@link SimulcastIT} (three layers, repaired-rid).
 */
class BroadcasterRtxIT {
    private static final long AUDIO_SSRC = 0x33333333L;
    private static final long VIDEO_SSRC = 0x44444444L;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    /**
     * A broadcaster with RTX (RFC 4588, a=ssrc-group:FID) withholds packets and answers the server's NACKs on its
     * RTX stream: the viewer gets every packet, the repaired ones on the original numbering, byte for byte; the
     * broadcaster's padding-only RTX probes and an RTX copy of a packet already received reach no viewer, yet the
     * server's transport-cc feedback reports every packet it sent received, those included.
     */
    @Test
    void aBroadcastersRtxFillsTheGapsItsViewersWouldSeeAndItsProbesGoNowhere() throws Exception {
        PeerBroadcast broadcast = new PeerBroadcast("forwarding-it-rtx-in", open);
        OfferSpec spec = OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC).withRtx();
        TestPeer broadcaster = open.keep(TestPeer.create(spec));
        String answer = broadcast.produce(broadcaster).getString("sdp");
        assertTrue(answer.contains("a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"), answer);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        broadcast.watch(viewer);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        RtxResender resender = open.keep(new RtxResender(broadcaster, spec));
        double paddingBefore = Metrics.value("beam_media_drops", "reason=\"rtx-padding\"");

        java.util.Set<Integer> withheld = java.util.Set.of(30, 31, 90, 140);
        List<byte[]> video = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            video.add(MediaForwardingIT.payload("video", i, 1000));
            byte[] packet = RtpPackets.rtp(OfferSpec.VP8_PT, i, i * 3000L, VIDEO_SSRC, false, video.get(i));
            if (withheld.contains(i)) {
                resender.keep(packet);
            } else {
                resender.send(packet);
            }
            if (i == 60) {
                resender.probe(VIDEO_SSRC, 5, 240);
            }
            if (i == 100) {
                resender.resendAsRtx(VIDEO_SSRC, 99); // not NACKed: a probe with a payload, as Chromium sends
            }
            if (i % 5 == 4) {
                Thread.sleep(10);
            }
        }
        byte[] last = RtpPackets.rtp(OfferSpec.VP8_PT, 150, 150 * 3000L, VIDEO_SSRC, false,
                MediaForwardingIT.payload("video", 150, 1000));
        resender.send(last); // after 140: the server sees that gap too
        video.add(RtpPackets.payload(last));

        List<byte[]> received = new ArrayList<>(MediaForwardingIT.receive(viewer, 151));
        Thread.sleep(500);
        List<byte[]> extra = new ArrayList<>();
        viewer.receivedRtp().drainTo(extra);
        assertEquals(List.of(), extra.stream().map(p -> RtpPacket.sequenceNumber(p, 0)).toList(),
                "no probe, no second copy");
        assertTrue(resender.resent() >= withheld.size(), "resent as RTX: " + resender.resent());
        received.sort(java.util.Comparator.comparingInt(p -> RtpPacket.sequenceNumber(p, 0)));
        MediaForwardingIT.assertStream(viewer, "video", received, video);
        assertTrue(Metrics.value("beam_media_drops", "reason=\"rtx-padding\"") - paddingBefore >= 5,
                "the probes were counted and dropped");
        java.util.Set<Integer> sent = resender.transportSequencesSent();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!resender.transportSequencesReported().containsAll(sent) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        java.util.Set<Integer> missing = new java.util.TreeSet<>(sent);
        missing.removeAll(resender.transportSequencesReported());
        assertEquals(java.util.Set.of(), missing, "transport-wide numbers not reported received, of " + sent.size());
    }

    /**
     * The publisher offers RTX with simulcast, as Chromium does (no a=ssrc, repaired-rtp-stream-id): it withholds
     * packets of the top layer and answers the server's NACKs with RTX packets naming the layer only by
     * repaired-rid. The viewer of the top layer gets every packet of it, numbered without a gap.
     */
    @Test
    void aLayersRtxIsPlacedByRepairedRidAndFillsTheViewersGaps() throws Exception {
        PeerBroadcast broadcast = PeerBroadcast.inNewRoom("simulcast-rtx-it", open);
        OfferSpec spec = OfferSpec.sendSimulcast(SimulcastIT.AUDIO_SSRC, SimulcastIT.RIDS).withRtx();
        TestPeer broadcaster = open.keep(TestPeer.create(spec));
        String answer = broadcast.produce(broadcaster).getString("sdp");
        assertTrue(answer.contains("a=extmap:" + OfferSpec.REPAIRED_RID_EXTENSION_ID
                + " urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"), answer);
        assertTrue(answer.contains("a=fmtp:97 apt=96"), answer);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        RtxResender resender = open.keep(new RtxResender(broadcaster, spec));
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        SimulcastIT.setQuality(broadcast.watch(viewer), "high");

        int frames = 150;
        java.util.Set<Integer> withheld = java.util.Set.of(61, 62, 95, 133); // no keyframe: a switch waits for one
        FrameClock clock = new FrameClock();
        int[] seq = {100, 2000, 30000};
        for (int frame = 0; frame < frames; frame++) {
            for (int layer = 0; layer < SimulcastIT.RIDS.length; layer++) {
                byte[] rtp = SimulcastIT.layerPacket(layer, seq[layer]++ & 0xFFFF, frame);
                if (layer == 2 && withheld.contains(frame)) {
                    resender.keep(rtp);
                } else {
                    resender.send(rtp);
                }
            }
            clock.awaitFrameAfter(frame);
        }
        TimeUnit.MILLISECONDS.sleep(800);
        List<byte[]> video = new ArrayList<>(SimulcastIT.drainVideo(viewer));
        video.sort(java.util.Comparator.comparingInt(RtpPackets::sequenceNumber));
        java.util.Set<Integer> framesSeen = new java.util.TreeSet<>();
        for (int i = 0; i < video.size(); i++) {
            // It may start on another layer until the layers are ranked.
            if (SimulcastIT.layerOf(video.get(i)) == 'h') {
                framesSeen.add(SimulcastIT.frameOf(video.get(i)));
            }
            if (i > 0) {
                assertEquals(RtpPackets.sequenceNumber(video.get(i - 1)) + 1, RtpPackets.sequenceNumber(video.get(i)),
                        "no gap in the viewer's numbering after packet " + i + ": " + describe(video, i));
            }
        }
        assertTrue(framesSeen.containsAll(withheld), "the withheld frames of h came back: " + framesSeen);
        assertTrue(video.size() > 60, "video: " + video.size());
        assertTrue(resender.resent() >= withheld.size(), "resent as RTX: " + resender.resent());
    }

    /** Sequence number, layer and frame of the packets around index {@code i}, for a failure's message. */
    private static String describe(List<byte[]> video, int i) {
        StringBuilder s = new StringBuilder();
        for (int k = Math.max(0, i - 3); k < Math.min(video.size(), i + 3); k++) {
            s.append(RtpPackets.sequenceNumber(video.get(k))).append('/')
                    .append((char) SimulcastIT.layerOf(video.get(k))).append(SimulcastIT.frameOf(video.get(k)))
                    .append(' ');
        }
        return s.toString();
    }
}
