package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.TrackLayers.Layer;
import dev.beam.media.send.LayerSelector.Reason;
import org.junit.jupiter.api.Test;

/** Layer choice: the viewer's own, or the best its estimate carries, with hysteresis. */
class LayerSelectorTest {
    private static final long S = 1_000_000_000L;
    private static final int ALL = LayerSelector.ALL_TEMPORAL_LAYERS;
    private final SimulcastFixture fixture = new SimulcastFixture();
    private final ReceiveStream high = fixture.stream("h");
    private final ReceiveStream medium = fixture.stream("m");
    private final ReceiveStream low = fixture.stream("l");
    private final Layer[] three = {new Layer(high, 2_000_000), new Layer(medium, 600_000), new Layer(low, 150_000)};
    private final LayerSelector selector = new LayerSelector();

    @Test
    void theViewersChoiceWinsWhateverTheEstimate() {
        assertEquals(high, selector.choose(three, Quality.HIGH, null, ALL, 100_000, 0, 0).stream());
        assertEquals(medium, selector.choose(three, Quality.MEDIUM, null, ALL, 100_000, 0, 0).stream());
        assertEquals(low, selector.choose(three, Quality.LOW, null, ALL, Long.MAX_VALUE, 0, 0).stream());
        Layer[] two = {three[0], three[2]};
        assertEquals(low, selector.choose(two, Quality.MEDIUM, null, ALL, Long.MAX_VALUE, 0, 0).stream(),
                "the lower of two");
        assertEquals(Reason.CHOSEN_BY_VIEWER, selector.choose(three, Quality.LOW, null, ALL, 0, 0, 0).reason());
    }

    @Test
    void autoTakesTheBestLayerTheEstimateCarries() {
        assertEquals(high, selector.choose(three, Quality.AUTO, null, ALL, Long.MAX_VALUE, 0, 0).stream(),
                "unknown estimate");
        assertEquals(medium, selector.choose(three, Quality.AUTO, null, ALL, 1_000_000, 0, 0).stream());
        assertEquals(low, selector.choose(three, Quality.AUTO, null, ALL, 650_000, 0, 0).stream(),
                "room left for audio and bursts");
        LayerSelector.Choice starved = selector.choose(three, Quality.AUTO, null, ALL, 50_000, 0, 0);
        assertEquals(low, starved.stream());
        assertEquals(Reason.LOWEST_BELOW_ESTIMATE, starved.reason());
        assertNull(selector.choose(new Layer[0], Quality.AUTO, null, ALL, 1, 0, 0).stream());
    }

    @Test
    void anEstimateNearALayersRateDoesNotFlap() {
        // On the high layer (2 Mbit/s), the estimate wanders just above its rate: held, until too close.
        assertEquals(high, selector.choose(three, Quality.AUTO, high, ALL, 2_150_000, 0, 0).stream());
        assertEquals(Reason.HELD, selector.choose(three, Quality.AUTO, high, ALL, 2_150_000, 0, 0).reason());
        assertEquals(high, selector.choose(three, Quality.AUTO, high, ALL, 2_000_000, 0, 1 * S).stream(), "a moment over");
        LayerSelector.Choice down = selector.choose(three, Quality.AUTO, high, ALL, 2_000_000, 0, 3 * S);
        assertEquals(medium, down.stream(), "over for 2 s");
        assertFalse(down.stopsCurrent(), "a layer just over the estimate goes on until the switch");
        // Back above the high layer's rate, but not with the headroom going up needs: stays on medium.
        assertEquals(medium, selector.choose(three, Quality.AUTO, medium, ALL, 2_500_000, 0, 10 * S).stream());
        // With headroom, but right after going down: holds.
        LayerSelector afterFall = new LayerSelector();
        afterFall.choose(three, Quality.AUTO, high, ALL, 1_000_000, 0, 0);
        afterFall.choose(three, Quality.AUTO, high, ALL, 1_000_000, 0, 2 * S);
        assertEquals(medium, afterFall.choose(three, Quality.AUTO, medium, ALL, 3_000_000, 0, 4 * S).stream());
        assertEquals(high, afterFall.choose(three, Quality.AUTO, medium, ALL, 3_000_000, 0, 7 * S).stream());
    }

    @Test
    void goingUpSkipsToTheBestLayerWithHeadroom() {
        assertEquals(high, selector.choose(three, Quality.AUTO, low, ALL, 2_700_000, 0, 10 * S).stream());
        assertEquals(medium, selector.choose(three, Quality.AUTO, low, ALL, 900_000, 0, 10 * S).stream());
        assertEquals(low, selector.choose(three, Quality.AUTO, low, ALL, 700_000, 0, 10 * S).stream(),
                "no headroom for medium");
    }

    @Test
    void aLayerThatCarriedMoreLatelyIsGoneUpToOnlyWithRoomForThat() {
        // The medium layer carries 450 kbit/s now, having carried 600 a moment ago (its encoder short of CPU).
        Layer[] dipped = {three[0], new Layer(medium, 450_000, new long[0], new long[0], 600_000), three[2]};
        assertEquals(low, selector.choose(dipped, Quality.AUTO, low, ALL, 700_000, 0, 10 * S).stream(),
                "450 kbit/s is 64 % of the estimate, but 600 is 86 %");
        assertEquals(medium, selector.choose(dipped, Quality.AUTO, low, ALL, 800_000, 0, 10 * S).stream());
        assertEquals(medium, new LayerSelector().choose(dipped, Quality.AUTO, medium, ALL, 500_000, 0, 0).stream(),
                "kept at what it carries now");
    }

    @Test
    void aMomentOverTheEstimateIsHeldAndTheClockRestartsWhenItFits() {
        assertEquals(Reason.HELD, selector.choose(three, Quality.AUTO, high, ALL, 2_000_000, 0, 0).reason());
        assertEquals(high, selector.choose(three, Quality.AUTO, high, ALL, 3_000_000, 0, S).stream(), "fits again");
        assertEquals(high, selector.choose(three, Quality.AUTO, high, ALL, 2_000_000, 0, 2 * S).stream(), "over anew");
        assertEquals(medium, selector.choose(three, Quality.AUTO, high, ALL, 2_000_000, 0, 4 * S).stream());
        assertEquals(medium, selector.choose(three, Quality.AUTO, high, ALL, 2_000_000, 0, 4 * S + 20_000_000).stream(),
                "still wanted while the switch waits for the lower layer's keyframe");
    }

    @Test
    void aViewerThatFallsBackSoonAfterGoingUpWaitsLongerEachTime() {
        long t = 0;
        long hold = LayerSelector.HOLD_AFTER_DOWN_MILLIS * 1_000_000;
        for (int round = 0; round < 3; round++) {
            selector.choose(three, Quality.AUTO, high, ALL, 1_000_000, 0, t);
            assertEquals(medium, selector.choose(three, Quality.AUTO, high, ALL, 1_000_000, 0, t + 2 * S).stream(),
                    "down");
            long down = t + 2 * S;
            assertEquals(medium, selector.choose(three, Quality.AUTO, medium, ALL, 3_000_000, 0, down + hold - 1).stream(),
                    "held for " + hold / S + " s in round " + round);
            assertEquals(high, selector.choose(three, Quality.AUTO, medium, ALL, 3_000_000, 0, down + hold).stream());
            t = down + hold + S; // and falls back within 10 s of going up
            hold *= 2;
        }
    }

    @Test
    void aViewerThatStartsLosingPacketsAfterGoingUpGoesBackDownAndWaitsLonger() {
        // On the lowest layer with an estimate that carries the middle one (a policer let a probe through).
        assertEquals(low, selector.choose(three, Quality.AUTO, low, ALL, 700_000, 0, 0).stream());
        assertEquals(medium, selector.choose(three, Quality.AUTO, low, ALL, 900_000, 0, 5 * S).stream(), "up");
        long up = 5 * S;
        assertEquals(Reason.FITS_ESTIMATE, selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0.01, up + S)
                .reason(), "1 % lost: noise");
        assertEquals(Reason.HELD, selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0.05, up + 2 * S)
                .reason(), "5 % lost since going up: held for a moment");
        LayerSelector.Choice back = selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0.05, up + 4 * S);
        assertEquals(low, back.stream(), "back down, though the estimate still carries it");
        assertEquals(Reason.LOST_AFTER_UP, back.reason());
        assertEquals(low, selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0, up + 4 * S + S / 10).stream(),
                "wanted until the switch, even once the loss report is clean");
        long down = up + 4 * S + S / 10; // the last choice that wanted the switch
        long hold = 2 * LayerSelector.HOLD_AFTER_DOWN_MILLIS * 1_000_000;
        assertEquals(low, selector.choose(three, Quality.AUTO, low, ALL, 900_000, 0, down + hold - 1).stream(),
                "a fall back soon after going up: twice the hold");
        assertEquals(medium, selector.choose(three, Quality.AUTO, low, ALL, 900_000, 0, down + hold).stream());
    }

    @Test
    void aLayerLeftForLossThatBecomesTheLowestIsKept() {
        assertEquals(medium, selector.choose(three, Quality.AUTO, low, ALL, 900_000, 0, 5 * S).stream(), "up");
        selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0.05, 6 * S);
        assertEquals(low, selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0.05, 8 * S).stream(), "back down");
        Layer[] lowStopped = {new Layer(high, 2_000_000), new Layer(medium, 600_000)};
        assertEquals(medium, selector.choose(lowStopped, Quality.AUTO, medium, ALL, 900_000, 0, 8 * S + S / 10).stream(),
                "nothing below it to go to");
    }

    @Test
    void lossThatWasThereBeforeGoingUpDoesNotSendTheViewerBack() {
        assertEquals(medium, selector.choose(three, Quality.AUTO, low, ALL, 900_000, 0.03, 0).stream(), "up");
        assertEquals(medium, selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0.03, 2 * S).stream());
        assertEquals(medium, selector.choose(three, Quality.AUTO, medium, ALL, 900_000, 0.04, 4 * S).stream(),
                "a lossy link, whatever the layer: the estimate decides");
    }

    @Test
    void aViewerLosingPacketsOnALayerThatNoLongerFitsGoesDown() {
        // The middle layer (600 kbit/s) at 80 % of a 750 kbit/s estimate: it fits, but could not be gone up to.
        assertEquals(medium, selector.choose(three, Quality.AUTO, medium, ALL, 750_000, 0, 0).stream());
        assertEquals(Reason.FITS_ESTIMATE, selector.choose(three, Quality.AUTO, medium, ALL, 750_000, 0, 3 * S)
                .reason(), "kept while nothing is lost");
        assertEquals(Reason.HELD, selector.choose(three, Quality.AUTO, medium, ALL, 750_000, 0.04, 4 * S).reason(),
                "4 % lost: held for a moment");
        LayerSelector.Choice down = selector.choose(three, Quality.AUTO, medium, ALL, 750_000, 0.04, 6 * S);
        assertEquals(low, down.stream(), "still losing: down");
        assertEquals(Reason.FITS_ESTIMATE, down.reason());
        assertEquals(medium, new LayerSelector().choose(three, Quality.AUTO, medium, ALL, 850_000, 0.04, 6 * S).stream(),
                "the same loss on a layer it could go up to (71 %): noise, the estimate decides");
    }

    @Test
    void lossAfterGoingUpToTheLowestStepGoesNowhere() {
        assertEquals(low, selector.choose(three, Quality.AUTO, null, ALL, 200_000, 0, 0).stream());
        assertEquals(Reason.FITS_ESTIMATE, selector.choose(three, Quality.AUTO, low, ALL, 200_000, 0.2, 3 * S).reason());
    }

    @Test
    void aLayerFarOverTheEstimateIsLeftAtOnce() {
        LayerSelector.Choice left = selector.choose(three, Quality.AUTO, high, ALL, 500_000, 0, 0);
        assertEquals(low, left.stream(), "2 Mbit/s on a 500 kbit/s link");
        assertTrue(left.stopsCurrent(), "not forwarded on while the low layer's keyframe is waited for");
        assertEquals(low, new LayerSelector().choose(three, Quality.AUTO, high, ALL, 760_000, 0, 0).stream(),
                "600 kbit/s fits 85 % of 760, but not the 75 % a move up to it would need");
        assertEquals(medium, new LayerSelector().choose(three, Quality.AUTO, high, ALL, 800_000, 0, 0).stream());
    }

    @Test
    void aLayerThatStoppedIsReplaced() {
        Layer[] withoutHigh = {three[1], three[2]};
        assertEquals(medium, selector.choose(withoutHigh, Quality.AUTO, high, ALL, Long.MAX_VALUE, 0, 0).stream());
    }

    /** The top layer in three temporal layers: 7.5, 15 and 30 frames a second. */
    private Layer[] temporal() {
        return new Layer[] {new Layer(high, 2_000_000, new long[] {900_000, 1_400_000, 2_000_000}),
                new Layer(medium, 600_000), new Layer(low, 150_000, new long[] {80_000, 110_000, 150_000})};
    }

    @Test
    void aViewerJustShortOfALayerGetsItWithoutItsTopTemporalLayer() {
        Layer[] ladder = temporal();
        LayerSelector.Choice start = selector.choose(ladder, Quality.AUTO, null, ALL, 2_000_000, 0, 0);
        assertEquals(high, start.stream(), "1.4 Mbit/s fits 85 % of 2 Mbit/s; the whole layer does not");
        assertEquals(1, start.temporalLayer());
        assertEquals(medium, selector.choose(ladder, Quality.AUTO, null, ALL, 1_500_000, 0, 0).stream(),
                "never the top layer at a quarter of its frame rate");
        LayerSelector.Choice lowest = selector.choose(ladder, Quality.AUTO, null, ALL, 120_000, 0, 0);
        assertEquals(low, lowest.stream());
        assertEquals(0, lowest.temporalLayer(), "the lowest layer goes down to its base layer");
        assertEquals(ALL, selector.choose(ladder, Quality.HIGH, high, 1, 100, 0, 0).temporalLayer(),
                "a viewer's own choice is the whole layer");
    }

    @Test
    void aTemporalCapComesAndGoesWithHysteresis() {
        Layer[] ladder = temporal();
        assertEquals(ALL, selector.choose(ladder, Quality.AUTO, high, ALL, 2_100_000, 0, 0).temporalLayer(),
                "held: a moment over");
        LayerSelector.Choice down = selector.choose(ladder, Quality.AUTO, high, ALL, 2_100_000, 0, 2 * S);
        assertEquals(high, down.stream());
        assertEquals(1, down.temporalLayer(), "over for 2 s: the top temporal layer goes, not the spatial layer");
        assertEquals(1, selector.choose(ladder, Quality.AUTO, high, 1, 2_800_000, 0, 3 * S).temporalLayer(),
                "not back up within the hold after going down");
        assertEquals(1, selector.choose(ladder, Quality.AUTO, high, 1, 2_200_000, 0, 8 * S).temporalLayer(),
                "2 Mbit/s takes more than 75 % of 2.2 Mbit/s");
        LayerSelector.Choice up = selector.choose(ladder, Quality.AUTO, high, 1, 2_800_000, 0, 9 * S);
        assertEquals(ALL, up.temporalLayer(), "back to the full frame rate");
        assertEquals(Reason.FITS_ESTIMATE, up.reason());
    }

    @Test
    void aCappedLayerFallsToTheNextSpatialLayerWhenEvenThatDoesNotFit() {
        Layer[] ladder = temporal();
        LayerSelector.Choice held = selector.choose(ladder, Quality.AUTO, high, 1, 1_000_000, 0, 0);
        assertEquals(high, held.stream(), "a moment over at the capped layer is held");
        assertEquals(1, held.temporalLayer());
        LayerSelector.Choice down = selector.choose(ladder, Quality.AUTO, high, 1, 1_000_000, 0, 2 * S);
        assertEquals(medium, down.stream(), "1.4 Mbit/s over 1 Mbit/s for 2 s");
        assertEquals(ALL, down.temporalLayer());
    }

    @Test
    void aLayerIsNotOfferedWithoutItsTopTemporalLayerBelowFifteenFramesASecond() {
        Layer[] twentyFps = {new Layer(high, 2_000_000, new long[] {900_000, 1_400_000, 2_000_000}, new long[] {5, 10, 20}),
                new Layer(medium, 600_000), new Layer(low, 150_000)};
        assertEquals(medium, selector.choose(twentyFps, Quality.AUTO, null, ALL, 2_000_000, 0, 0).stream(),
                "10 fps of the top layer is worse than the middle one at 20");
        Layer[] thirtyFps = {new Layer(high, 2_000_000, new long[] {900_000, 1_400_000, 2_000_000}, new long[] {8, 15, 30}),
                new Layer(medium, 600_000), new Layer(low, 150_000)};
        LayerSelector.Choice capped = new LayerSelector().choose(thirtyFps, Quality.AUTO, null, ALL, 2_000_000, 0, 0);
        assertEquals(high, capped.stream());
        assertEquals(1, capped.temporalLayer(), "15 fps is enough");
    }

    @Test
    void theOneStreamOfATrackWithoutSimulcastIsItsLowestLayer() {
        ReceiveStream only = new SimulcastFixture(SimulcastFixture.SINGLE).stream("s");
        Layer[] one = {new Layer(only, 1_000_000, new long[] {400_000, 600_000, 1_000_000}, new long[] {8, 15, 30})};
        assertEquals(ALL, selector.choose(one, Quality.AUTO, null, ALL, Long.MAX_VALUE, 0, 0).temporalLayer());
        assertEquals(1, new LayerSelector().choose(one, Quality.AUTO, null, ALL, 900_000, 0, 0).temporalLayer());
        assertEquals(0, new LayerSelector().choose(one, Quality.AUTO, null, ALL, 500_000, 0, 0).temporalLayer(),
                "8 frames a second, as the lowest simulcast layer goes: nothing lower");
        assertEquals(ALL, selector.choose(one, Quality.HIGH, null, ALL, 100_000, 0, 0).temporalLayer());
        assertEquals(ALL, selector.choose(one, Quality.MEDIUM, null, ALL, 100_000, 0, 0).temporalLayer());
        LayerSelector.Choice lowChoice = selector.choose(one, Quality.LOW, null, ALL, Long.MAX_VALUE, 0, 0);
        assertEquals(0, lowChoice.temporalLayer(), "low: the base temporal layer");
        assertEquals(Reason.CHOSEN_BY_VIEWER, lowChoice.reason());
        Layer[] flat = {new Layer(only, 1_000_000, new long[] {1_000_000})};
        assertEquals(ALL, selector.choose(flat, Quality.LOW, null, ALL, Long.MAX_VALUE, 0, 0).temporalLayer(),
                "no temporal layers (H.264, AV1): whole");
        Layer[] lastSimulcast = {new Layer(low, 150_000, new long[] {60_000, 90_000, 150_000})};
        assertEquals(ALL, selector.choose(lastSimulcast, Quality.LOW, null, ALL, Long.MAX_VALUE, 0, 0).temporalLayer(),
                "the one simulcast layer left sending: low is still that layer whole");
    }
}
