package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import dev.beam.media.Mutator;
import dev.beam.media.rtp.FuzzSeeds;
import org.junit.jupiter.api.Test;

/**
 * A viewer's RTCP handling as the server runs it after SRTCP (a viewer holds its keys, so it can
 * send anything): mutated compounds naming the viewer's own SSRCs, so NACKs, PLIs, FIRs and
 * report blocks reach the streams. Nothing may throw.
 */
class ViewerFeedbackFuzzTest {
    @Test
    void noCompoundMakesItThrow() {
        MediaStats stats = new MediaStats();
        SendStream video = new SendStream(new ViewerTrack(MediaStats.Kind.VIDEO, "1", 96, 90_000, 0x1111, 0, null, 97,
                0x3333), stats);
        SendStream audio = new SendStream(new ViewerTrack(MediaStats.Kind.AUDIO, "0", 111, 48_000, 0x1112, 0, null, 0,
                0), stats);
        ViewerFeedback feedback = new ViewerFeedback(new SendStream[] {audio, video}, (stream, seq) -> seq % 2 == 0,
                stats);
        Mutator mutator = new Mutator(0x5EED_0006L, FuzzSeeds.rtcp());
        for (int i = 0; i < 40_000; i++) {
            byte[] p = mutator.next();
            feedback.handle(p, 0, p.length, 1_000_000L + i);
        }
        assertTrue(stats.nacksReceived.sum() > 0, "NACKs for the viewer's SSRC were handled");
    }
}
