package dev.beam.media.forward;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Throttles keyframe requests toward one broadcaster. Every viewer PLI/FIR and every viewer that
 * (re)starts receiving a stream calls {@link #request(long)}; the broadcaster sees at most one
 * request per media SSRC per {@code minInterval}, because a keyframe answering the request already
 * sent serves every viewer that asked meanwhile. Absorbed requests are not replayed later: a viewer
 * whose keyframe never arrives asks again (browsers repeat PLIs), and that request goes out.
 *
 * <p>FIR (RFC 5104 §4.3.1.1): each sent FIR is a new request, so its sequence number is one more
 * (mod 256) than the previous FIR sent for that SSRC; the first is 0. Thread-safe; the sender is
 * called on the requesting thread, outside the lock.
 */
public final class KeyframeRequester {
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMillis(300);

    /** Sends one PLI (useFir false, firSequence -1) or FIR to the broadcaster. */
    @FunctionalInterface
    public interface Sender {
        void send(long mediaSsrc, boolean useFir, int firSequence);
    }

    private static final class State {
        long lastSentMillis;
        int nextFirSeq;
    }

    private final Clock clock;
    private final long minIntervalMillis;
    private final boolean firOnly;
    private final Sender sender;
    private final Map<Long, State> states = new HashMap<>();

    /**
     * @param firOnly send FIR instead of PLI, for a broadcaster that negotiated only
     *                {@code a=rtcp-fb:* ccm fir}
     */
    public KeyframeRequester(Clock clock, Duration minInterval, boolean firOnly, Sender sender) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative: " + minInterval);
        }
        this.minIntervalMillis = minInterval.toMillis();
        this.firOnly = firOnly;
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    public KeyframeRequester(Clock clock, boolean firOnly, Sender sender) {
        this(clock, DEFAULT_MIN_INTERVAL, firOnly, sender);
    }

    /** Asks for a keyframe on {@code mediaSsrc}; returns true if a request was sent now. */
    public boolean request(long mediaSsrc) {
        int firSeq = -1;
        synchronized (this) {
            long now = clock.millis();
            State s = states.get(mediaSsrc);
            if (s == null) {
                s = new State();
                states.put(mediaSsrc, s);
            } else {
                long since = now - s.lastSentMillis;
                // A clock stepped backwards (since < 0) must not block requests until it catches up.
                if (since >= 0 && since < minIntervalMillis) {
                    return false;
                }
            }
            s.lastSentMillis = now;
            if (firOnly) {
                firSeq = s.nextFirSeq;
                s.nextFirSeq = (firSeq + 1) & 0xFF;
            }
        }
        sender.send(mediaSsrc, firOnly, firSeq);
        return true;
    }
}
