package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.testpeer.RtpPackets;
import org.junit.jupiter.api.Test;

/** The stamp round-trips through what the generator sends, found again behind the VP8 and Opus headers. */
class PayloadStampTest {

    @Test
    void videoStampsAreFoundBehindDescriptorAndHeaderOnEveryPacketOfAFrame() {
        long start = 5_000_000_000L;
        SyntheticVideo video = new SyntheticVideo(96, 0x1234, 2_500_000, 30, 2, start, 65530, 1);
        byte[] p = new byte[1500];
        for (int i = 0; i < 60; i++) { // across the first keyframe and into deltas
            long seq = video.nextSequence();
            int len = video.next(p, start + i);
            int payload = RtpPackets.payloadOffset(p, 0, len);
            int stamp = PayloadStamp.find(p, payload, len - payload, PayloadStamp.VIDEO);
            assertTrue(stamp > 0, "packet " + i);
            assertEquals(seq, PayloadStamp.sequence(p, stamp));
            assertEquals(start + i, PayloadStamp.sentNanos(p, stamp));
            assertEquals(-1, PayloadStamp.find(p, payload, len - payload, PayloadStamp.AUDIO), "not audio's");
        }
    }

    @Test
    void audioStampsFollowTheOpusToc() {
        SyntheticAudio audio = new SyntheticAudio(111, 7, 0, 0, 0);
        byte[] p = new byte[1500];
        int len = audio.next(p, -42L);
        assertEquals(0xF8, p[12] & 0xFF, "TOC: config 31, mono, one frame");
        int stamp = PayloadStamp.find(p, 12, len - 12, PayloadStamp.AUDIO);
        assertEquals(13, stamp);
        assertEquals(0, PayloadStamp.sequence(p, stamp));
        assertEquals(-42L, PayloadStamp.sentNanos(p, stamp));
    }

    @Test
    void foreignOrShortPayloadsAreNotFound() {
        byte[] p = new byte[40];
        assertEquals(-1, PayloadStamp.find(p, 0, 40, PayloadStamp.AUDIO));
        PayloadStamp.write(p, 1, PayloadStamp.AUDIO, 1, 2);
        assertEquals(1, PayloadStamp.find(p, 0, 17, PayloadStamp.AUDIO));
        assertEquals(-1, PayloadStamp.find(p, 0, 16, PayloadStamp.AUDIO), "truncated");
        assertEquals(-1, PayloadStamp.find(p, 0, 1, PayloadStamp.VIDEO));
    }
}
