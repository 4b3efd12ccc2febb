package dev.beam.media.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A packet path declared as data: named stages run in order, each with a one-line contract
 * given by how it was added. A stage that drops the packet ends the run and hands the packet to
 * the pipeline's drop handler (which gives pooled buffers back); the terminal stage takes it.
 *
 * <pre>
 *   transform  changes the packet in place; false when it cannot, and the packet is dropped
 *   observe    looks at the packet; never changes or stops it
 *   filter     lets the packet through or drops it
 *   terminate  the end of the path: takes the packet
 * </pre>
 *
 * A pipeline holds no state of its own: it is safe wherever its stages are.
 */
public final class Pipeline<P> {
    /** The four contracts a stage can have. */
    public enum Contract { TRANSFORM, OBSERVE, FILTER, TERMINATE }

    /** A stage as declared: its name, its contract, and what it does (true: go on). */
    public record Stage<P>(String name, Contract contract, Predicate<P> step) {
    }

    private final String name;
    private final List<Stage<P>> stages;
    private final Predicate<P>[] steps;
    private final Consumer<P> dropped;

    @SuppressWarnings("unchecked")
    private Pipeline(String name, List<Stage<P>> stages, Consumer<P> dropped) {
        this.name = name;
        this.stages = List.copyOf(stages);
        this.steps = stages.stream().map(Stage::step).toArray(Predicate[]::new);
        this.dropped = dropped;
    }

    public static <P> Builder<P> named(String name) {
        return new Builder<>(name);
    }

    /** Runs the packet through every stage; the pipeline owns it for the call. */
    public void process(P packet) {
        for (Predicate<P> step : steps) {
            if (!step.test(packet)) {
                dropped.accept(packet);
                return;
            }
        }
    }

    public String name() {
        return name;
    }

    public List<Stage<P>> stages() {
        return stages;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append(':');
        for (Stage<P> stage : stages) {
            s.append(' ').append(stage.name()).append(" (").append(stage.contract().name().toLowerCase()).append(')');
        }
        return s.toString();
    }

    /** Declares the stages top to bottom; {@link #terminate} ends the declaration. */
    public static final class Builder<P> {
        private final String name;
        private final List<Stage<P>> stages = new ArrayList<>();
        private Consumer<P> dropped = packet -> { };

        private Builder(String name) {
            this.name = name;
        }

        /** What happens to a packet a stage drops (by default, nothing). */
        public Builder<P> onDrop(Consumer<P> handler) {
            this.dropped = handler;
            return this;
        }

        public Builder<P> transform(String stage, Predicate<P> transform) {
            return add(stage, Contract.TRANSFORM, transform);
        }

        public Builder<P> observe(String stage, Consumer<P> observer) {
            return add(stage, Contract.OBSERVE, packet -> {
                observer.accept(packet);
                return true;
            });
        }

        public Builder<P> filter(String stage, Predicate<P> filter) {
            return add(stage, Contract.FILTER, filter);
        }

        public Pipeline<P> terminate(String stage, Consumer<P> terminal) {
            add(stage, Contract.TERMINATE, packet -> {
                terminal.accept(packet);
                return true;
            });
            return new Pipeline<>(name, stages, dropped);
        }

        private Builder<P> add(String stage, Contract contract, Predicate<P> step) {
            stages.add(new Stage<>(stage, contract, step));
            return this;
        }
    }
}
