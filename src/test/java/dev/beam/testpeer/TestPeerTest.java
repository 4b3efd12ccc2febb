package dev.beam.testpeer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.beam.media.transport.SrtpKeyingMaterial;
import dev.beam.media.transport.SrtpProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** End to end over 127.0.0.1 against the {@link FakeSfu} fixture (real sockets, bounded waits). */
@Timeout(60)
class TestPeerTest {

    private static final Duration CONNECT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void connectsAndRoundTripsMediaWithEachProfile(SrtpProfile profile) throws Exception {
        try (FakeSfu sfu = new FakeSfu(new SrtpProfile[] {profile}, false);
             TestPeer peer = TestPeer.create(OfferSpec.send(0x1111L, 0x2222L))) {
            String offer = peer.offer();
            assertTrue(offer.contains("a=group:BUNDLE 0 1"));
            assertTrue(offer.contains("a=fingerprint:sha-256 " + peer.fingerprint()));
            assertTrue(offer.contains("a=ssrc:4369 cname:"));
            peer.accept(sfu.answer(offer));
            peer.awaitConnected(CONNECT);
            SrtpKeyingMaterial keys = sfu.awaitHandshake(5000);
            assertEquals(profile, keys.profile());
            assertEquals(profile, peer.srtpProfile());
            System.out.printf("%s: ICE %d ms, DTLS %d ms%n", profile,
                    peer.iceDuration().toMillis(), peer.dtlsDuration().toMillis());

            for (int seq = 0; seq < 20; seq++) {
                boolean video = seq % 2 == 0;
                byte[] rtp = RtpPackets.rtp(video ? 96 : 111, seq, seq * 3000L, video ? 0x2222 : 0x1111,
                        seq % 5 == 0, 50 + seq * 40);
                peer.sendRtp(rtp, 0, rtp.length);
                assertArrayEquals(rtp, sfu.receivedRtp.poll(5, TimeUnit.SECONDS), "peer->sfu seq " + seq);

                byte[] back = RtpPackets.rtp(96, 1000 + seq, seq * 90L, 0xABCDEF01L, false, 1000);
                sfu.sendRtp(back);
                assertArrayEquals(back, peer.receivedRtp().poll(5, TimeUnit.SECONDS), "sfu->peer seq " + seq);
            }
            byte[] rr = RtpPackets.emptyReceiverReport(0x1111);
            peer.sendRtcp(rr, 0, rr.length);
            assertArrayEquals(rr, sfu.receivedRtcp.poll(5, TimeUnit.SECONDS));
            byte[] pli = RtpPackets.pli(1, 0x2222);
            sfu.sendRtcp(pli);
            assertArrayEquals(pli, peer.receivedRtcp().poll(5, TimeUnit.SECONDS));
            assertTrue(peer.receivedRtp().isEmpty());
        }
    }

    @Test
    void prefersGcmWhenBothOffered() throws Exception {
        try (FakeSfu sfu = new FakeSfu(SrtpProfile.values(), false);
             TestPeer peer = TestPeer.create(OfferSpec.send(5, 6))) {
            peer.accept(sfu.answer(peer.offer()));
            peer.awaitConnected(CONNECT);
            assertEquals(SrtpProfile.AEAD_AES_128_GCM, peer.srtpProfile());
        }
    }

    /** ice4j moves to TERMINATED 3 s after COMPLETED; media must keep flowing (long sessions, load tests). */
    @Test
    void mediaFlowsAfterIceTerminates() throws Exception {
        try (FakeSfu sfu = new FakeSfu(SrtpProfile.values(), false);
             TestPeer peer = TestPeer.create(OfferSpec.send(5, 6))) {
            java.util.concurrent.CompletableFuture<Void> terminated = new java.util.concurrent.CompletableFuture<>();
            peer.agent().addStateChangeListener(e -> {
                if (e.getNewValue() == org.ice4j.ice.IceProcessingState.TERMINATED) {
                    terminated.complete(null);
                }
            });
            peer.accept(sfu.answer(peer.offer()));
            peer.awaitConnected(CONNECT);
            terminated.get(10, TimeUnit.SECONDS);
            byte[] rtp = RtpPackets.rtp(111, 1, 960, 5, false, 80);
            peer.sendRtp(rtp, 0, rtp.length);
            assertArrayEquals(rtp, sfu.receivedRtp.poll(5, TimeUnit.SECONDS));
            byte[] back = RtpPackets.rtp(96, 9, 90, 77, true, 10);
            sfu.sendRtp(back);
            assertArrayEquals(back, peer.receivedRtp().poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void rtpPacketsHelpers() {
        byte[] p = RtpPackets.rtp(96, 65535, 0xFFFFFFFFL, 0x80000001L, true, new byte[] {1, 2, 3});
        assertEquals(96, RtpPackets.payloadType(p));
        assertEquals(65535, RtpPackets.sequenceNumber(p));
        assertEquals(0xFFFFFFFFL, RtpPackets.timestamp(p));
        assertEquals(0x80000001L, RtpPackets.ssrc(p));
        assertTrue(RtpPackets.marker(p));
        assertArrayEquals(new byte[] {1, 2, 3}, RtpPackets.payload(p));
        assertTrue(RtpPackets.isRtpOrRtcp(p, 0, p.length));
        assertTrue(!RtpPackets.isRtcp(p, 0, p.length));
        byte[] pli = RtpPackets.pli(1, 2);
        assertTrue(RtpPackets.isRtcp(pli, 0, pli.length));
    }

    @Test
    void fingerprintMismatchFails() throws Exception {
        try (FakeSfu sfu = new FakeSfu(SrtpProfile.values(), true);
             TestPeer peer = TestPeer.create(OfferSpec.send(5, 6))) {
            peer.accept(sfu.answer(peer.offer()));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> peer.awaitConnected(CONNECT));
            assertTrue(String.valueOf(e.getCause()).contains("bad_certificate"), String.valueOf(e.getCause()));
            assertThrows(IllegalStateException.class, () -> peer.sendRtp(new byte[12], 0, 12));
        }
    }

    @Test
    void receiverReadsAnswerPayloadTypesAndSsrcs() throws Exception {
        try (FakeSfu sfu = new FakeSfu(SrtpProfile.values(), false, 0xAAAAL, 0xBBBBL);
             TestPeer peer = TestPeer.create(OfferSpec.receive(109, 120))) {
            String offer = peer.offer();
            assertTrue(offer.contains("a=recvonly"));
            assertTrue(offer.contains("a=rtpmap:120 VP8/90000"));
            assertTrue(offer.contains("a=rtcp-fb:120 nack pli"));
            peer.accept(sfu.answer(offer));
            assertEquals(109, peer.answerPayloadType("audio"));
            assertEquals(120, peer.answerPayloadType("video"));
            assertEquals(0xAAAAL, peer.answerSsrc("audio"));
            assertEquals(0xBBBBL, peer.answerSsrc("video"));
            peer.awaitConnected(CONNECT);
            byte[] rtp = RtpPackets.rtp(120, 7, 90_000, 0xBBBBL, true, 1200);
            sfu.sendRtp(rtp);
            byte[] got = peer.receivedRtp().poll(5, TimeUnit.SECONDS);
            assertNotNull(got);
            assertEquals(120, RtpPackets.payloadType(got));
            assertEquals(0xBBBBL, RtpPackets.ssrc(got));
            assertTrue(RtpPackets.marker(got));
            assertEquals(1200, RtpPackets.payload(got).length);
        }
    }
}
