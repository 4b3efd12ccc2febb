package dev.beam.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.send.LayerSelector;
import dev.beam.media.send.Quality;
import dev.beam.media.send.ViewerLayer;
import org.junit.jupiter.api.Test;

class ViewerDeliveryTest {
    private static final ViewerDelivery ON_MIDDLE = new ViewerDelivery("auto", "m", "fits-estimate", null, 1_000_000L);

    @Test
    void everythingIsNewsTheFirstTime() {
        assertTrue(ON_MIDDLE.isNewsAfter(null));
    }

    @Test
    void aNewLayerQualityOrReasonIsNews() {
        assertTrue(new ViewerDelivery("auto", "h", "fits-estimate", null, 1_000_000L).isNewsAfter(ON_MIDDLE));
        assertTrue(new ViewerDelivery("high", "m", "fits-estimate", null, 1_000_000L).isNewsAfter(ON_MIDDLE));
        assertTrue(new ViewerDelivery("auto", "m", "held", null, 1_000_000L).isNewsAfter(ON_MIDDLE));
        assertTrue(new ViewerDelivery("auto", "m", "fits-estimate", 1, 1_000_000L).isNewsAfter(ON_MIDDLE));
    }

    @Test
    void anEstimateIsNewsOnlyWhenItMovedMoreThanFivePercent() {
        assertFalse(new ViewerDelivery("auto", "m", "fits-estimate", null, 1_050_000L).isNewsAfter(ON_MIDDLE));
        assertFalse(new ViewerDelivery("auto", "m", "fits-estimate", null, 950_000L).isNewsAfter(ON_MIDDLE));
        assertTrue(new ViewerDelivery("auto", "m", "fits-estimate", null, 1_051_000L).isNewsAfter(ON_MIDDLE));
        assertTrue(new ViewerDelivery("auto", "m", "fits-estimate", null, null).isNewsAfter(ON_MIDDLE));
    }

    @Test
    void wireNamesAsOperatorsSeeThem() {
        ViewerDelivery delivery = ViewerDelivery.of(new ViewerLayer.State(Quality.AUTO, "l", 2,
                LayerSelector.Reason.LOWEST_BELOW_ESTIMATE, 0), null);

        assertEquals(new ViewerDelivery("auto", "l", "lowest-below-estimate", 0, null), delivery);
        assertEquals(null, ViewerDelivery.of(new ViewerLayer.State(Quality.AUTO, "h", 0,
                LayerSelector.Reason.FITS_ESTIMATE, -1), null).temporalLayer(), "every temporal layer");
    }

    @Test
    void theOneStreamOfATrackWithoutSimulcastHasNoRidButATemporalLayer() {
        ViewerDelivery delivery = ViewerDelivery.of(new ViewerLayer.State(Quality.LOW, null, 0,
                LayerSelector.Reason.CHOSEN_BY_VIEWER, 0), null);

        assertEquals(new ViewerDelivery("low", null, "chosen-by-viewer", 0, null), delivery);
        assertTrue(delivery.isNewsAfter(new ViewerDelivery("low", null, "chosen-by-viewer", null, null)));
    }
}
