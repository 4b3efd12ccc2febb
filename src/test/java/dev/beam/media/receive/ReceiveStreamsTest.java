package dev.beam.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class ReceiveStreamsTest {
    private static final SourceTrack AUDIO = new SourceTrack(MediaStats.Kind.AUDIO, "0", 111, "opus", 48_000, false,
            false);
    private static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true,
            false);

    private final PacketPool pool = new PacketPool(64);
    private final List<String> keyframeRequests = new ArrayList<>();
    private final ReceiveStreams streams = new ReceiveStreams(List.of(AUDIO, VIDEO),
            (ssrc, track) -> new KeyframeRequester(() -> 0, 0, 0, track.firOnly(), new LongAdder(), (fir, seq) -> {
                keyframeRequests.add(Long.toHexString(ssrc));
                return true;
            }));

    private Packet packet(int payloadType, int seq, long ssrc) {
        byte[] rtp = new byte[RtpPacket.FIXED_HEADER + 10];
        RtpPacket.writeFixedHeader(rtp, 0, false, payloadType, seq, seq * 3000L, ssrc);
        return pool.take(rtp, 0, rtp.length, 0);
    }

    @Test
    void aNewSsrcUnderANegotiatedPayloadTypeBecomesAStreamOfItsTrack() {
        Packet first = packet(96, 1, 0xAAAA);
        assertTrue(streams.attach(first));
        ReceiveStream video = first.stream();
        assertEquals(0xAAAA, video.ssrc());
        assertSame(VIDEO, video.track());

        Packet next = packet(96, 2, 0xAAAA);
        assertTrue(streams.attach(next));
        assertSame(video, next.stream(), "found again by SSRC");
        Packet audio = packet(111, 1, 0xBBBB);
        assertTrue(streams.attach(audio));
        assertNotSame(video, audio.stream());
        assertSame(video, streams.find(0xAAAA));
        assertNull(streams.find(0xCCCC));
    }

    @Test
    void unnegotiatedPayloadTypesAndAStreamChangingTrackAreRefused() {
        assertFalse(streams.attach(packet(100, 1, 0xAAAA)));
        assertTrue(streams.attach(packet(96, 1, 0xAAAA)));
        assertFalse(streams.attach(packet(111, 2, 0xAAAA)), "an SSRC belongs to one track");
        assertEquals(1, streams.all().length);
    }

    @Test
    void theNumberOfStreamsIsBounded() {
        for (int i = 0; i < ReceiveStreams.MAX_STREAMS; i++) {
            assertTrue(streams.attach(packet(111, 1, 0x1000 + i)));
        }
        assertFalse(streams.attach(packet(111, 1, 0x9999)), "a broadcaster cannot make state without bound");
    }

    @Test
    void aNewerStreamOfATrackSupersedesTheOlderOne() {
        Packet first = packet(96, 1, 0xAAAA);
        streams.attach(first);
        Packet audio = packet(111, 1, 0xBBBB);
        streams.attach(audio);
        Packet second = packet(96, 1, 0xCCCC);
        streams.attach(second);
        assertTrue(first.stream().isSuperseded());
        assertFalse(second.stream().isSuperseded());
        assertFalse(audio.stream().isSuperseded(), "another track is not affected");
    }

    @Test
    void keyframeRequestsAreForTheStreamsSsrcAndOnlyForVideo() {
        Packet video = packet(96, 1, 0xAAAA);
        Packet audio = packet(111, 1, 0xBBBB);
        streams.attach(video);
        streams.attach(audio);
        assertTrue(video.stream().requestKeyframe());
        assertFalse(audio.stream().requestKeyframe());
        assertEquals(List.of("aaaa"), keyframeRequests);
    }
}
