package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpFeedback;
import dev.beam.media.rtp.RtcpReports;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.RtpPackets;
import dev.beam.testpeer.TestPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Java test peers, built with the same libraries as the server, broadcast synthetic RTP through
 * the real signaling and media port; three viewers must receive every payload, in order, on the
 * SSRC and payload type their answers gave them.
 */
class MediaForwardingIT {
    private static final String ROOM = "forwarding-it";
    private static final long AUDIO_SSRC = 0x11111111L;
    private static final long VIDEO_SSRC = 0x22222222L;
    private static final int PACKETS_PER_KIND = 200;
    private static final byte[] VP8_KEYFRAME_START = {0x10, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A};
    private static final byte[] VP8_CONTINUATION = {0x00};

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void threeViewersGetEveryPacketByteForByteAndAPliReachesTheBroadcaster() throws Exception {
        PeerBroadcast broadcast = new PeerBroadcast(ROOM, open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        broadcast.produce(broadcaster);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, broadcaster.srtpProfile(), "the server prefers GCM");

        List<TestPeer> viewers = new ArrayList<>();
        OfferSpec[] specs = {OfferSpec.receive(), OfferSpec.receive(109, 98), OfferSpec.receive(120, 121)};
        for (OfferSpec spec : specs) {
            TestPeer viewer = open.keep(TestPeer.create(spec));
            broadcast.watch(viewer);
            assertEquals(spec.audioPt(), viewer.answerPayloadType("audio"), "the answer keeps the viewer's PT");
            viewers.add(viewer);
        }

        List<byte[]> audio = new ArrayList<>();
        List<byte[]> video = new ArrayList<>();
        for (int i = 0; i < PACKETS_PER_KIND; i++) {
            audio.add(payload("audio", i, 160));
            video.add(payload("video", i, 1000));
            send(broadcaster, OfferSpec.OPUS_PT, i, AUDIO_SSRC, audio.get(i));
            send(broadcaster, OfferSpec.VP8_PT, i, VIDEO_SSRC, video.get(i));
            if (i % 20 == 19) {
                Thread.sleep(5);
            }
        }

        for (TestPeer viewer : viewers) {
            List<byte[]> received = receive(viewer, 2 * PACKETS_PER_KIND);
            assertStream(viewer, "audio", received, audio);
            assertStream(viewer, "video", received, video);
        }

        Thread.sleep(400);
        broadcaster.receivedRtcp().clear();
        byte[] pli = RtpPackets.pli(0x5EEDL, viewers.get(1).answerSsrc("video"));
        viewers.get(1).sendRtcp(pli, 0, pli.length);
        assertTrue(receivedPli(broadcaster, VIDEO_SSRC), "the viewer's PLI reached the broadcaster as a PLI for its video");
    }

    @Test
    void peersThatOfferOnlyAesCmWithHmacSha1AreServedToo() throws Exception {
        int cm80 = SrtpProfile.AES128_CM_HMAC_SHA1_80.id();
        PeerBroadcast broadcast = new PeerBroadcast(ROOM + "-cm", open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC), cm80));
        broadcast.produce(broadcaster);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive(), cm80));
        broadcast.watch(viewer);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, broadcaster.srtpProfile());
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, viewer.srtpProfile());

        List<byte[]> audio = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            audio.add(payload("audio", i, 160));
            send(broadcaster, OfferSpec.OPUS_PT, i, AUDIO_SSRC, audio.get(i));
        }
        assertStream(viewer, "audio", receive(viewer, 20), audio);
    }

    @Test
    void aViewerGetsLostVideoBackAsRtxByteForByte() throws Exception {
        lostVideoComesBack("-rtx", OfferSpec.receive(109, 98), true);
    }

    @Test
    void aViewerWithoutRtxGetsLostVideoBackOnItsSsrcByteForByte() throws Exception {
        lostVideoComesBack("-nortx", OfferSpec.receive(109, 98).withoutRtx(), false);
    }

    private void lostVideoComesBack(String suffix, OfferSpec spec, boolean rtx) throws Exception {
        PeerBroadcast broadcast = new PeerBroadcast(ROOM + suffix, open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        broadcast.produce(broadcaster);
        TestPeer viewer = open.keep(TestPeer.create(spec));
        String answer = broadcast.watch(viewer).sdp();
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        assertEquals(rtx, answer.contains("apt=98"), "RTX negotiated as offered: " + answer);
        java.util.Set<Integer> lost = java.util.Set.of(5, 6, 7, 50, 120);
        viewer.loseVideo(lost::contains);

        // The viewer NACKs each gap soon after it, as receivers do (and within the 64-packet SRTP
        // replay window of the test peer, which a resend on the original SSRC must fall in).
        long viewerVideo = viewer.answerSsrc("video");
        List<byte[]> video = new ArrayList<>();
        int[][] nackAfter = {{12, 5, 0b11}, {55, 50, 0}, {127, 120, 0}};
        for (int i = 0; i < 150; i++) {
            video.add(payload("video", i, 1000));
            send(broadcaster, OfferSpec.VP8_PT, i, VIDEO_SSRC, video.get(i));
            if (i % 5 == 4) {
                // About 500 packets/s, a 720p stream's pace: a resend on the original SSRC must
                // come within the test peer's 64-packet SRTP replay window, as browsers' 1024.
                Thread.sleep(10);
            }
            for (int[] nack : nackAfter) {
                if (nack[0] == i) {
                    byte[] rtcp = new byte[16];
                    RtcpWriter.writeNack(rtcp, 0, 0x5EEDL, viewerVideo, nack[1], nack[2]);
                    viewer.sendRtcp(rtcp, 0, rtcp.length);
                }
            }
        }
        List<byte[]> retransmitted = receive(viewer, 150).stream()
                .filter(p -> lost.contains(RtpPacket.sequenceNumber(p, 0))).toList();
        assertEquals(lost.size(), viewer.retransmissionsReceived(), "they came back");
        assertEquals(lost, retransmitted.stream().map(p -> RtpPacket.sequenceNumber(p, 0))
                .collect(java.util.stream.Collectors.toSet()));
        for (byte[] packet : retransmitted) {
            int seq = RtpPacket.sequenceNumber(packet, 0);
            assertEquals(98, RtpPacket.payloadType(packet, 0), "the original payload type once unwrapped");
            assertEquals(viewerVideo, RtpPacket.ssrc(packet, 0));
            int offset = RtpPacket.payloadOffset(packet, 0, packet.length);
            assertArrayEquals(video.get(seq), java.util.Arrays.copyOfRange(packet, offset, packet.length), "payload " + seq);
        }
    }

    @Test
    void sendReportsReachViewersOnTheirSsrcsWithTheSameTimeRelation() throws Exception {
        PeerBroadcast broadcast = new PeerBroadcast(ROOM + "-sr", open);
        TestPeer broadcaster = open.keep(TestPeer.create(OfferSpec.send(AUDIO_SSRC, VIDEO_SSRC)));
        broadcast.produce(broadcaster);
        TestPeer viewer = open.keep(TestPeer.create(OfferSpec.receive()));
        broadcast.watch(viewer);
        broadcaster.awaitConnected(PeerBroadcast.CONNECT);
        for (int i = 0; i < 10; i++) {
            send(broadcaster, OfferSpec.OPUS_PT, i, AUDIO_SSRC, payload("audio", i, 100));
            send(broadcaster, OfferSpec.VP8_PT, i, VIDEO_SSRC, payload("video", i, 500));
        }
        receive(viewer, 20);
        viewer.receivedRtcp().clear();

        long ntp = 0xE1E2E3E4_10000000L;
        byte[] audioSr = new byte[28];
        RtcpWriter.writeSenderReport(audioSr, 0, AUDIO_SSRC, ntp, 48_000, 10, 1000);
        broadcaster.sendRtcp(audioSr, 0, audioSr.length);
        byte[] videoSr = new byte[28];
        RtcpWriter.writeSenderReport(videoSr, 0, VIDEO_SSRC, ntp + (1L << 32), 90_000 * 7, 10, 5000);
        broadcaster.sendRtcp(videoSr, 0, videoSr.length);

        long[] audio = senderReport(viewer, viewer.answerSsrc("audio"));
        long[] video = senderReport(viewer, viewer.answerSsrc("video"));
        assertEquals(48_000, audio[1], "the RTP timestamp is the broadcaster's");
        assertEquals(90_000 * 7, video[1]);
        assertEquals(1L << 32, video[0] - audio[0], "audio and video keep their NTP relation: one second apart");
        assertEquals(10, audio[2], "the count of packets this viewer was sent");
    }

    /** The next SR the viewer gets for this SSRC: {NTP, RTP timestamp, packet count}. */
    private static long[] senderReport(TestPeer viewer, long ssrc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            byte[] rtcp = viewer.receivedRtcp().poll(100, TimeUnit.MILLISECONDS);
            long[][] found = new long[1][];
            if (rtcp != null) {
                Rtcp.forEach(rtcp, 0, rtcp.length, (buf, off, len) -> {
                    if (Rtcp.packetType(buf, off) == Rtcp.SR && Rtcp.senderSsrc(buf, off) == ssrc) {
                        found[0] = new long[] {RtcpReports.srNtpTimestamp(buf, off), RtcpReports.srRtpTimestamp(buf, off),
                            RtcpReports.srPacketCount(buf, off)};
                    }
                });
            }
            if (found[0] != null) {
                return found[0];
            }
        }
        throw new AssertionError("no sender report for SSRC " + ssrc);
    }

    /**
     * Synthetic payloads; video starts with a VP8 keyframe (RFC 7741 §4.2 descriptor with S set,
     * RFC 6386 §9.1 key frame tag and start code), since the server starts a viewer's video at one.
     */
    static byte[] payload(String kind, int index, int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (kind.hashCode() * 31 + index * 7 + i);
        }
        if (kind.equals("video")) {
            byte[] start = index == 0 ? VP8_KEYFRAME_START : VP8_CONTINUATION;
            System.arraycopy(start, 0, payload, 0, start.length);
        }
        return payload;
    }

    private static void send(TestPeer peer, int pt, int seq, long ssrc, byte[] payload) {
        byte[] packet = RtpPackets.rtp(pt, seq, seq * 960L, ssrc, false, payload);
        peer.sendRtp(packet, 0, packet.length);
    }

    static List<byte[]> receive(TestPeer viewer, int count) throws InterruptedException {
        List<byte[]> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.size() < count && System.nanoTime() < deadline) {
            byte[] packet = viewer.receivedRtp().poll(100, TimeUnit.MILLISECONDS);
            if (packet != null) {
                received.add(packet);
            }
        }
        assertEquals(count, received.size(), "packets received");
        return received;
    }

    static void assertStream(TestPeer viewer, String kind, List<byte[]> received, List<byte[]> sent) {
        int pt = viewer.answerPayloadType(kind);
        long ssrc = viewer.answerSsrc(kind);
        List<byte[]> stream = received.stream().filter(p -> RtpPacket.payloadType(p, 0) == pt).toList();
        assertEquals(sent.size(), stream.size(), kind + " packets with the viewer's payload type " + pt);
        for (int i = 0; i < stream.size(); i++) {
            byte[] packet = stream.get(i);
            assertEquals(ssrc, RtpPacket.ssrc(packet, 0), kind + " SSRC");
            assertEquals(i, RtpPacket.sequenceNumber(packet, 0), kind + " in order");
            int offset = RtpPacket.payloadOffset(packet, 0, packet.length);
            assertArrayEquals(sent.get(i), java.util.Arrays.copyOfRange(packet, offset, packet.length), kind + " payload " + i);
        }
    }

    private static boolean receivedPli(TestPeer broadcaster, long mediaSsrc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            byte[] rtcp = broadcaster.receivedRtcp().poll(100, TimeUnit.MILLISECONDS);
            boolean[] found = new boolean[1];
            if (rtcp != null) {
                Rtcp.forEach(rtcp, 0, rtcp.length, (buf, off, len) ->
                        found[0] |= RtcpFeedback.isPli(buf, off) && Rtcp.mediaSsrc(buf, off) == mediaSsrc);
            }
            if (found[0]) {
                return true;
            }
        }
        return false;
    }
}
