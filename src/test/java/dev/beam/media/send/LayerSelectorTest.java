package dev.beam.media.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.SimulcastLayers.Layer;
import dev.beam.media.send.LayerSelector.Reason;
import org.junit.jupiter.api.Test;

/** Layer choice: the viewer's own, or the best its estimate carries, with hysteresis. */
class LayerSelectorTest {
    private static final long S = 1_000_000_000L;
    private final SimulcastFixture fixture = new SimulcastFixture();
    private final ReceiveStream high = fixture.stream("h");
    private final ReceiveStream medium = fixture.stream("m");
    private final ReceiveStream low = fixture.stream("l");
    private final Layer[] three = {new Layer(high, 2_000_000), new Layer(medium, 600_000), new Layer(low, 150_000)};
    private final LayerSelector selector = new LayerSelector();

    @Test
    void theViewersChoiceWinsWhateverTheEstimate() {
        assertEquals(high, selector.choose(three, Quality.HIGH, null, 100_000, 0).stream());
        assertEquals(medium, selector.choose(three, Quality.MEDIUM, null, 100_000, 0).stream());
        assertEquals(low, selector.choose(three, Quality.LOW, null, Long.MAX_VALUE, 0).stream());
        Layer[] two = {three[0], three[2]};
        assertEquals(low, selector.choose(two, Quality.MEDIUM, null, Long.MAX_VALUE, 0).stream(), "the lower of two");
        assertEquals(Reason.CHOSEN_BY_VIEWER, selector.choose(three, Quality.LOW, null, 0, 0).reason());
    }

    @Test
    void autoTakesTheBestLayerTheEstimateCarries() {
        assertEquals(high, selector.choose(three, Quality.AUTO, null, Long.MAX_VALUE, 0).stream(), "unknown estimate");
        assertEquals(medium, selector.choose(three, Quality.AUTO, null, 1_000_000, 0).stream());
        assertEquals(low, selector.choose(three, Quality.AUTO, null, 650_000, 0).stream(), "room left for audio and bursts");
        LayerSelector.Choice starved = selector.choose(three, Quality.AUTO, null, 50_000, 0);
        assertEquals(low, starved.stream());
        assertEquals(Reason.LOWEST_BELOW_ESTIMATE, starved.reason());
        assertNull(selector.choose(new Layer[0], Quality.AUTO, null, 1, 0).stream());
    }

    @Test
    void anEstimateNearALayersRateDoesNotFlap() {
        // On the high layer (2 Mbit/s), the estimate wanders just above its rate: held, until too close.
        assertEquals(high, selector.choose(three, Quality.AUTO, high, 2_150_000, 0).stream());
        assertEquals(Reason.HELD, selector.choose(three, Quality.AUTO, high, 2_150_000, 0).reason());
        assertEquals(high, selector.choose(three, Quality.AUTO, high, 2_000_000, 1 * S).stream(), "a moment over");
        assertEquals(medium, selector.choose(three, Quality.AUTO, high, 2_000_000, 3 * S).stream(), "over for 2 s");
        // Back above the high layer's rate, but not with the headroom going up needs: stays on medium.
        assertEquals(medium, selector.choose(three, Quality.AUTO, medium, 2_500_000, 10 * S).stream());
        // With headroom, but right after going down: holds.
        LayerSelector afterFall = new LayerSelector();
        afterFall.choose(three, Quality.AUTO, high, 1_000_000, 0);
        afterFall.choose(three, Quality.AUTO, high, 1_000_000, 2 * S);
        assertEquals(medium, afterFall.choose(three, Quality.AUTO, medium, 3_000_000, 4 * S).stream());
        assertEquals(high, afterFall.choose(three, Quality.AUTO, medium, 3_000_000, 7 * S).stream());
    }

    @Test
    void goingUpSkipsToTheBestLayerWithHeadroom() {
        assertEquals(high, selector.choose(three, Quality.AUTO, low, 2_700_000, 10 * S).stream());
        assertEquals(medium, selector.choose(three, Quality.AUTO, low, 900_000, 10 * S).stream());
        assertEquals(low, selector.choose(three, Quality.AUTO, low, 700_000, 10 * S).stream(), "no headroom for medium");
    }

    @Test
    void aMomentOverTheEstimateIsHeldAndTheClockRestartsWhenItFits() {
        assertEquals(Reason.HELD, selector.choose(three, Quality.AUTO, high, 2_000_000, 0).reason());
        assertEquals(high, selector.choose(three, Quality.AUTO, high, 3_000_000, S).stream(), "fits again");
        assertEquals(high, selector.choose(three, Quality.AUTO, high, 2_000_000, 2 * S).stream(), "over anew");
        assertEquals(medium, selector.choose(three, Quality.AUTO, high, 2_000_000, 4 * S).stream());
        assertEquals(medium, selector.choose(three, Quality.AUTO, high, 2_000_000, 4 * S + 20_000_000).stream(),
                "still wanted while the switch waits for the lower layer's keyframe");
    }

    @Test
    void aViewerThatFallsBackSoonAfterGoingUpWaitsLongerEachTime() {
        long t = 0;
        long hold = LayerSelector.HOLD_AFTER_DOWN_MILLIS * 1_000_000;
        for (int round = 0; round < 3; round++) {
            selector.choose(three, Quality.AUTO, high, 1_000_000, t);
            assertEquals(medium, selector.choose(three, Quality.AUTO, high, 1_000_000, t + 2 * S).stream(), "down");
            long down = t + 2 * S;
            assertEquals(medium, selector.choose(three, Quality.AUTO, medium, 3_000_000, down + hold - 1).stream(),
                    "held for " + hold / S + " s in round " + round);
            assertEquals(high, selector.choose(three, Quality.AUTO, medium, 3_000_000, down + hold).stream());
            t = down + hold + S; // and falls back within 10 s of going up
            hold *= 2;
        }
    }

    @Test
    void aLayerFarOverTheEstimateIsLeftAtOnce() {
        assertEquals(low, selector.choose(three, Quality.AUTO, high, 500_000, 0).stream(), "2 Mbit/s on a 500 kbit/s link");
    }

    @Test
    void aLayerThatStoppedIsReplaced() {
        Layer[] withoutHigh = {three[1], three[2]};
        assertEquals(medium, selector.choose(withoutHigh, Quality.AUTO, high, Long.MAX_VALUE, 0).stream());
    }
}
