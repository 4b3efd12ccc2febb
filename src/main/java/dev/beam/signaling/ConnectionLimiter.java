package dev.beam.signaling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open signaling connections, per client address and in total, and admits a new one only
 * below both limits. An admitted connection holds a {@link Ticket} that gives its place back
 * exactly once, however many of the close paths run.
 */
public final class ConnectionLimiter {
    /** Which limit refused a connection. */
    public enum Refusal {
        PER_ADDRESS("connections-per-address"),
        TOTAL("connections");

        private final String limit;

        Refusal(String limit) {
            this.limit = limit;
        }

        /** The {@code limit} label of {@code beam_limits_refused}. */
        public String limit() {
            return limit;
        }
    }

    /** One admitted connection's place. */
    public final class Ticket {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(String address) {
            this.address = address;
        }

        public String address() {
            return address;
        }

        /** Gives the place back; later calls do nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
                total.decrementAndGet();
            }
        }
    }

    /** Either a ticket or the limit that refused it. */
    public record Admission(Ticket ticket, Refusal refusal) {
        public boolean admitted() {
            return ticket != null;
        }
    }

    private final int maxPerAddress;
    private final int maxTotal;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxPerAddress, int maxTotal) {
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
    }

    public Admission admit(String address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return new Admission(null, Refusal.TOTAL);
        }
        boolean[] admitted = new boolean[1];
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return new Admission(null, Refusal.PER_ADDRESS);
        }
        return new Admission(new Ticket(address), null);
    }

    public int connections() {
        return total.get();
    }

    int connections(String address) {
        return perAddress.getOrDefault(address, 0);
    }

    int addresses() {
        return perAddress.size();
    }

    public boolean full() {
        return total.get() >= maxTotal;
    }
}
