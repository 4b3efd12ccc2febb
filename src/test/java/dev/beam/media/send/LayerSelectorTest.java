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
        LayerSelector.Choice starved = selector.choose(three, Quality.AUTO, null, 50_000, 0);
        assertEquals(low, starved.stream());
        assertEquals(Reason.LOWEST_BELOW_ESTIMATE, starved.reason());
        assertNull(selector.choose(new Layer[0], Quality.AUTO, null, 1, 0).stream());
    }

    @Test
    void anEstimateNearALayersRateDoesNotFlap() {
        // On the high layer, the estimate wanders just under its rate: held, until clearly short.
        assertEquals(high, selector.choose(three, Quality.AUTO, high, 1_950_000, 0).stream());
        assertEquals(Reason.HELD, selector.choose(three, Quality.AUTO, high, 1_950_000, 0).reason());
        assertEquals(medium, selector.choose(three, Quality.AUTO, high, 1_800_000, 1 * S).stream());
        // Back at the high layer's rate, but not with headroom: stays on medium.
        assertEquals(medium, selector.choose(three, Quality.AUTO, medium, 2_100_000, 10 * S).stream());
        // With headroom, but right after going down: holds.
        LayerSelector afterFall = new LayerSelector();
        afterFall.choose(three, Quality.AUTO, high, 1_000_000, 0);
        assertEquals(medium, afterFall.choose(three, Quality.AUTO, medium, 3_000_000, 2 * S).stream());
        assertEquals(high, afterFall.choose(three, Quality.AUTO, medium, 3_000_000, 5 * S).stream());
    }

    @Test
    void goingUpSkipsToTheBestLayerWithHeadroom() {
        assertEquals(high, selector.choose(three, Quality.AUTO, low, 2_600_000, 10 * S).stream());
        assertEquals(medium, selector.choose(three, Quality.AUTO, low, 800_000, 10 * S).stream());
    }

    @Test
    void aLayerThatStoppedIsReplaced() {
        Layer[] withoutHigh = {three[1], three[2]};
        assertEquals(medium, selector.choose(withoutHigh, Quality.AUTO, high, Long.MAX_VALUE, 0).stream());
    }
}
