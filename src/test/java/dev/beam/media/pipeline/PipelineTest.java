package dev.beam.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
    /** A packet for the test: what happened to it, in order. */
    private static final class Item {
        final List<String> trace = new ArrayList<>();
        int value;

        Item(int value) {
            this.value = value;
        }
    }

    private final List<Item> dropped = new ArrayList<>();
    private final List<Item> taken = new ArrayList<>();

    private Pipeline<Item> pipeline() {
        return Pipeline.<Item>named("test")
                .onDrop(dropped::add)
                .transform("double, refusing odd values", item -> {
                    item.trace.add("transform");
                    if (item.value % 2 != 0) {
                        return false;
                    }
                    item.value *= 2;
                    return true;
                })
                .observe("look", item -> item.trace.add("observe " + item.value))
                .filter("below 10", item -> {
                    item.trace.add("filter");
                    return item.value < 10;
                })
                .terminate("take", item -> {
                    item.trace.add("terminate");
                    taken.add(item);
                });
    }

    @Test
    void aPacketRunsEveryStageInTheDeclaredOrderAndTheTerminalTakesIt() {
        Item item = new Item(2);
        pipeline().process(item);
        assertEquals(List.of("transform", "observe 4", "filter", "terminate"), item.trace);
        assertEquals(List.of(item), taken);
        assertEquals(List.of(), dropped);
    }

    @Test
    void aTransformThatCannotDropsThePacketAndNothingAfterItRuns() {
        Item item = new Item(3);
        pipeline().process(item);
        assertEquals(List.of("transform"), item.trace);
        assertEquals(List.of(item), dropped);
        assertEquals(List.of(), taken);
    }

    @Test
    void aFilterDropsOnceAndTheDropHandlerGetsThePacket() {
        Item item = new Item(6);
        pipeline().process(item);
        assertEquals(List.of("transform", "observe 12", "filter"), item.trace);
        assertEquals(List.of(item), dropped);
    }

    @Test
    void theDeclarationReadsTopToBottomWithEachContract() {
        Pipeline<Item> p = pipeline();
        assertEquals(List.of(Pipeline.Contract.TRANSFORM, Pipeline.Contract.OBSERVE, Pipeline.Contract.FILTER,
                Pipeline.Contract.TERMINATE), p.stages().stream().map(Pipeline.Stage::contract).toList());
        assertEquals("test: double, refusing odd values (transform) look (observe) below 10 (filter) take (terminate)",
                p.toString());
    }
}
