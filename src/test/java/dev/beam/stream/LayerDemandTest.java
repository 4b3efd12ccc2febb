package dev.beam.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.media.send.Quality;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerDemandTest {
    private static final long MS = 1_000_000;
    private static final List<String> ALL = List.of("h", "m", "l");
    private static final long HOLD = 5000 * MS;

    private final LayerDemand demand = new LayerDemand(List.of("l", "m", "h"), HOLD);

    private static LayerDemand.Need auto(String rid) {
        return new LayerDemand.Need(Quality.AUTO, rid, true);
    }

    @Test
    void pausesTheTopLayerOnlyAfterNobodyCouldTakeItForTheHoldTime() {
        List<LayerDemand.Need> onLowest = List.of(auto("l"), auto("l"));

        assertEquals(Optional.empty(), demand.update(ALL, onLowest, 0));
        assertEquals(Optional.empty(), demand.update(ALL, onLowest, HOLD - 1));
        assertEquals(Optional.of(List.of("m", "l")), demand.update(ALL, onLowest, HOLD));
        assertEquals(List.of("h"), demand.paused());
        assertEquals(Optional.empty(), demand.update(List.of("m", "l"), onLowest, HOLD + 1000 * MS));
    }

    @Test
    void theLayerAboveTheBestNeededStaysOnForViewersToProbeFor() {
        assertEquals(Optional.empty(), demand.update(ALL, List.of(auto("l"), auto("m")), 0));
        assertEquals(Optional.empty(), demand.update(ALL, List.of(auto("l"), auto("m")), 10 * HOLD));
        assertEquals(ALL, demand.active());
    }

    @Test
    void resumesAtOnceWhenAViewerMovesUpOrAsks() {
        demand.update(ALL, List.of(auto("l")), 0);
        demand.update(ALL, List.of(auto("l")), HOLD);
        List<String> sending = List.of("m", "l");

        assertEquals(Optional.of(ALL), demand.update(sending, List.of(auto("m")), HOLD + MS));

        demand.update(ALL, List.of(auto("l")), 2 * HOLD);
        demand.update(ALL, List.of(auto("l")), 3 * HOLD);
        assertEquals(Optional.of(ALL), demand.update(sending,
                List.of(auto("l"), new LayerDemand.Need(Quality.HIGH, "l", true)), 3 * HOLD + MS));
    }

    @Test
    void aViewerWithoutEstimateOrChoiceNeedsTheBest() {
        assertEquals(Optional.empty(), demand.update(ALL, List.of(new LayerDemand.Need(Quality.AUTO, "l", false)),
                0));
        assertEquals(Optional.empty(), demand.update(ALL, List.of(auto(null)), 10 * HOLD));
        assertEquals(ALL, demand.active());
    }

    @Test
    void withoutViewersOnlyTheTwoLowestLayersSend() {
        demand.update(ALL, List.of(), 0);

        assertEquals(Optional.of(List.of("m", "l")), demand.update(ALL, List.of(), HOLD));
    }

    @Test
    void aViewerNeedingTheTopLayerAgainWithinTheHoldKeepsItOn() {
        demand.update(ALL, List.of(auto("l")), 0);
        demand.update(ALL, List.of(auto("h")), HOLD / 2);

        assertEquals(Optional.empty(), demand.update(ALL, List.of(auto("l")), HOLD + MS));
        assertEquals(ALL, demand.active());
    }

    @Test
    void decidesNothingUntilEveryLayerWasSeenSendingAtOnce() {
        List<String> sending = List.of("m", "l");

        assertEquals(Optional.empty(), demand.update(sending, List.of(), 0));
        assertEquals(Optional.empty(), demand.update(sending, List.of(), 10 * HOLD));
        assertEquals(List.of("l", "m", "h"), demand.active());
    }

    @Test
    void mediumAndLowAreCountedFromTheFullOrder() {
        demand.update(ALL, List.of(new LayerDemand.Need(Quality.MEDIUM, "m", true)), 0);
        assertEquals(Optional.empty(), demand.update(ALL, List.of(new LayerDemand.Need(Quality.MEDIUM, "m", true)),
                10 * HOLD));

        demand.update(ALL, List.of(new LayerDemand.Need(Quality.LOW, "l", true)), 11 * HOLD);
        assertEquals(Optional.of(List.of("m", "l")),
                demand.update(ALL, List.of(new LayerDemand.Need(Quality.LOW, "l", true)), 12 * HOLD));
    }
}
