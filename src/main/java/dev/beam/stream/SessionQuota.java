package dev.beam.stream;

import dev.beam.config.SessionLimitSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Counts open media sessions, per client address and in all, and refuses one past either limit. Every
 * admission is given back exactly once, however its session ends.
 */
final class SessionQuota {
    /** Metric labels of the two limits. */
    static final String PER_ADDRESS = "sessions-per-address";
    static final String TOTAL = "sessions";

    private final SessionLimitSettings limits;
    private final Consumer<String> refused;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

    /** @param refused told the label of the limit each time one refuses a session */
    SessionQuota(SessionLimitSettings limits, Consumer<String> refused) {
        this.limits = limits;
        this.refused = refused;
    }

    /** One open session's place in the count. */
    final class Admission {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Admission(String address) {
            this.address = address;
        }

        /** Gives the place back; only the first call counts. */
        void release() {
            if (released.compareAndSet(false, true)) {
                byAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
                open.decrementAndGet();
            }
        }
    }

    /** A place for one more session from this address, or {@code too-many-sessions}. */
    Admission admit(String address) throws StreamException {
        if (open.incrementAndGet() > limits.total()) {
            open.decrementAndGet();
            refused.accept(TOTAL);
            throw new StreamException(StreamException.TOO_MANY_SESSIONS, "the server has " + limits.total()
                    + " media sessions open, its limit; try again later");
        }
        boolean[] admitted = new boolean[1];
        byAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < limits.perAddress();
            return admitted[0] ? now + 1 : n;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            refused.accept(PER_ADDRESS);
            throw new StreamException(StreamException.TOO_MANY_SESSIONS, "this address already has "
                    + limits.perAddress() + " media sessions open, the limit per address; close one first");
        }
        return new Admission(address);
    }

    /** Sessions open now. */
    int open() {
        return open.get();
    }

    /** Sessions open now from this address. */
    int open(String address) {
        return byAddress.getOrDefault(address, 0);
    }
}
