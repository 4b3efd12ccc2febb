package dev.beam.media.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.media.MediaStats;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.transport.PacketSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastTest {
    private static final int AUDIO_PT = 111;
    private static final int VIDEO_PT = 96;
    private static final long SOURCE_VIDEO_SSRC = 0xCAFEBABEL;

    /** Records what a peer was sent, decrypted as it would be at the far end (no encryption here). */
    static final class RecordingSender implements PacketSender {
        final List<byte[]> rtp = new ArrayList<>();
        final List<byte[]> rtcp = new ArrayList<>();
        boolean connected = true;
        boolean failing;

        @Override
        public boolean isConnected() {
            return connected;
        }

        final List<byte[]> resent = new ArrayList<>();

        @Override
        public int sendRtp(byte[] buf, int off, int len) {
            if (failing) {
                return -1;
            }
            rtp.add(Arrays.copyOfRange(buf, off, off + len));
            return len;
        }

        @Override
        public boolean resendSrtp(byte[] buf, int off, int len) {
            resent.add(Arrays.copyOfRange(buf, off, off + len));
            return true;
        }

        @Override
        public boolean sendRtcp(byte[] buf, int off, int len) {
            rtcp.add(Arrays.copyOfRange(buf, off, off + len));
            return true;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final MediaStats stats = new MediaStats();
    private final RecordingSender source = new RecordingSender();
    private final Broadcast broadcast = new Broadcast("room", List.of(
            new SourceTrack(MediaStats.Kind.AUDIO, AUDIO_PT), new SourceTrack(MediaStats.Kind.VIDEO, VIDEO_PT)),
            false, Runnable::run, clock, stats);

    BroadcastTest() {
        broadcast.attachSource(source);
    }

    static byte[] rtp(int pt, int seq, long ssrc, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[12 + body.length];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) pt;
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        packet[4] = 0x00;
        packet[5] = 0x01;
        packet[6] = 0x02;
        packet[7] = 0x03;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        System.arraycopy(body, 0, packet, 12, body.length);
        return packet;
    }

    private void send(byte[] packet) {
        broadcast.onSourceRtp(packet, 0, packet.length);
    }

    private Subscriber viewer(RecordingSender sender, int audioPt, int videoPt, int midId) {
        Subscriber subscriber = new Subscriber("v", sender, List.of(
                new ViewerTrack(MediaStats.Kind.AUDIO, audioPt, 0x1111, midId, "0"),
                new ViewerTrack(MediaStats.Kind.VIDEO, videoPt, 0x2222, midId, "1")));
        broadcast.add(subscriber);
        return subscriber;
    }

    private static String payload(byte[] packet) {
        int offset = RtpPacket.payloadOffset(packet, 0, packet.length);
        return new String(packet, offset, packet.length - offset, StandardCharsets.US_ASCII);
    }

    @Test
    void everyResumedViewerGetsEveryPacketRewrittenForIt() {
        RecordingSender first = new RecordingSender();
        RecordingSender second = new RecordingSender();
        viewer(first, 109, 98, 4).resume();
        viewer(second, AUDIO_PT, VIDEO_PT, 0).resume();

        send(rtp(AUDIO_PT, 1, 0xA, "audio-1"));
        send(rtp(VIDEO_PT, 7, SOURCE_VIDEO_SSRC, "video-7"));
        send(rtp(AUDIO_PT, 2, 0xA, "audio-2"));

        assertEquals(List.of("audio-1", "video-7", "audio-2"), first.rtp.stream().map(BroadcastTest::payload).toList());
        assertEquals(List.of(109, 98, 109), first.rtp.stream().map(p -> RtpPacket.payloadType(p, 0)).toList());
        assertEquals(List.of(0x1111L, 0x2222L, 0x1111L), first.rtp.stream().map(p -> RtpPacket.ssrc(p, 0)).toList());
        assertEquals(List.of(1, 7, 2), first.rtp.stream().map(p -> RtpPacket.sequenceNumber(p, 0)).toList());
        assertTrue(RtpPacket.hasExtension(first.rtp.get(0), 0), "the viewer's MID goes in its extension");
        assertEquals(List.of(AUDIO_PT, VIDEO_PT, AUDIO_PT), second.rtp.stream().map(p -> RtpPacket.payloadType(p, 0)).toList());
        assertEquals(12 + "audio-1".length(), second.rtp.get(0).length, "no extension where none was negotiated");
        assertEquals(6, stats.packetsOut(MediaStats.Kind.AUDIO) + stats.packetsOut(MediaStats.Kind.VIDEO));
    }

    @Test
    void nothingFlowsBeforeResume() {
        RecordingSender sender = new RecordingSender();
        Subscriber subscriber = viewer(sender, AUDIO_PT, VIDEO_PT, 0);

        send(rtp(AUDIO_PT, 1, 0xA, "early"));
        subscriber.resume();
        send(rtp(AUDIO_PT, 2, 0xA, "late"));

        assertEquals(List.of("late"), sender.rtp.stream().map(BroadcastTest::payload).toList());
    }

    @Test
    void aDeadViewerDoesNotStopTheOthers() {
        RecordingSender dead = new RecordingSender();
        dead.failing = true;
        RecordingSender alive = new RecordingSender();
        viewer(dead, AUDIO_PT, VIDEO_PT, 0).resume();
        viewer(alive, AUDIO_PT, VIDEO_PT, 0).resume();

        send(rtp(AUDIO_PT, 1, 0xA, "a"));
        send(rtp(AUDIO_PT, 2, 0xA, "b"));

        assertEquals(2, alive.rtp.size());
        assertEquals(2, stats.forwardDrops.sum());
    }

    @Test
    void unknownPayloadTypesAreDropped() {
        RecordingSender sender = new RecordingSender();
        viewer(sender, AUDIO_PT, VIDEO_PT, 0).resume();

        send(rtp(100, 1, 0xA, "what"));

        assertEquals(0, sender.rtp.size());
        assertEquals(1, stats.forwardDrops.sum());
    }

    @Test
    void aResumedViewerAndItsPliAskTheBroadcasterForAKeyframeThrottled() {
        send(rtp(VIDEO_PT, 1, SOURCE_VIDEO_SSRC, "v"));
        Subscriber first = viewer(new RecordingSender(), AUDIO_PT, VIDEO_PT, 0);
        Subscriber second = viewer(new RecordingSender(), AUDIO_PT, VIDEO_PT, 0);

        first.resume();
        second.resume();
        assertEquals(1, source.rtcp.size(), "the pending request covers the newcomer");
        assertTrue(Rtcp.isPli(source.rtcp.get(0), 0));
        assertEquals(SOURCE_VIDEO_SSRC, Rtcp.mediaSsrc(source.rtcp.get(0), 0));

        clock.elapse(Duration.ofMillis(300));
        byte[] pli = new byte[Rtcp.PLI_LENGTH];
        RtcpWriter.writePli(pli, 0, 0x1234, 0x2222);
        first.onRtcp(pli, 0, pli.length);
        assertEquals(2, source.rtcp.size());
        assertEquals(1, stats.keyframeRequestsAbsorbed.sum());
        assertEquals(2, stats.keyframeRequestsSent.sum());
    }

    @Test
    void aPliForAnotherSsrcIsIgnored() {
        send(rtp(VIDEO_PT, 1, SOURCE_VIDEO_SSRC, "v"));
        Subscriber subscriber = viewer(new RecordingSender(), AUDIO_PT, VIDEO_PT, 0);
        byte[] pli = new byte[Rtcp.PLI_LENGTH];
        RtcpWriter.writePli(pli, 0, 0x1234, 0x9999);

        subscriber.onRtcp(pli, 0, pli.length);

        assertEquals(0, source.rtcp.size());
    }

    @Test
    void aFullQueueDropsInsteadOfGrowing() {
        List<Runnable> pending = new ArrayList<>();
        Broadcast stalled = new Broadcast("room", List.of(new SourceTrack(MediaStats.Kind.AUDIO, AUDIO_PT)),
                false, pending::add, clock, stats);
        byte[] packet = rtp(AUDIO_PT, 1, 0xA, "x");

        for (int i = 0; i < 600; i++) {
            stalled.onSourceRtp(packet, 0, packet.length);
        }

        assertEquals(1, pending.size(), "one drain task at a time");
        assertEquals(600 - 512, stats.forwardDrops.sum());
        RecordingSender late = new RecordingSender();
        Subscriber subscriber = new Subscriber("v", late, List.of(new ViewerTrack(MediaStats.Kind.AUDIO, AUDIO_PT, 1, 0, "0")));
        stalled.add(subscriber);
        subscriber.resume();
        pending.get(0).run();
        assertEquals(512, late.rtp.size());
        assertEquals("x", payload(late.rtp.get(511)));
    }
}
