package dev.beam.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceLossTest {

    @Test
    void countsGapsAndAMissingTail() {
        SequenceLoss loss = new SequenceLoss();
        for (long s = 100; s <= 200; s++) {
            if (s != 120 && s != 121 && s < 195) {
                loss.record(s);
            }
        }
        assertEquals(2 + 6, loss.lostBetween(100, 200), "a gap of two and the last six");
    }

    @Test
    void duplicatesAndReorderingCostNothing() {
        SequenceLoss loss = new SequenceLoss();
        long[] arrivals = {5, 7, 6, 6, 8, 4, 9, 9};
        for (long s : arrivals) {
            loss.record(s);
        }
        assertEquals(0, loss.lostBetween(4, 9));
        assertEquals(6, loss.receivedBetween(4, 9));
        assertEquals(1, loss.lostBetween(3, 9), "4 came before the first seen but 3 never did");
    }

    @Test
    void aViewerThatGotNothingLostEverything() {
        assertEquals(50, new SequenceLoss().lostBetween(1000, 1049));
        assertEquals(0, new SequenceLoss().lostBetween(-1, -1), "nothing was sent in the window");
    }

    @Test
    void onlyTheWindowCounts() {
        SequenceLoss loss = new SequenceLoss();
        for (long s = 0; s < 5000; s++) {
            loss.record(s);
        }
        assertEquals(101, loss.receivedBetween(4000, 4100));
        assertEquals(0, loss.lostBetween(4000, 4100));
        assertEquals(100, loss.lostBetween(4900, 5099), "the tail after the last arrival");
    }
}
