package dev.beam.signaling;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions in rooms, by resume token, and the deadline of each detached one. A session whose
 * connection drops stays in its room, its media flowing, for the grace period
 * ({@code SESSION_GRACE_MS}); a connection that presents its token meanwhile takes it over, even
 * before the server has noticed the old connection is gone. At most {@code maxDetached} wait at
 * once: past that, the longest-detached one ends at once.
 */
final class ResumableSessions {
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration grace;
    private final int maxDetached;
    private final Map<String, PeerSession> byToken = new LinkedHashMap<>();
    /** Detached sessions in the order they were detached, with their deadlines. */
    private final Map<PeerSession, Instant> deadlines = new LinkedHashMap<>();

    ResumableSessions(Clock clock, Duration grace, int maxDetached) {
        this.clock = clock;
        this.grace = grace;
        this.maxDetached = maxDetached;
    }

    Duration grace() {
        return grace;
    }

    /** A new secret for a session: 128 random bits, URL-safe. */
    String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The session joined a room: from now on it can be resumed. */
    synchronized void joined(PeerSession session) {
        byToken.put(session.resumeToken(), session);
    }

    /**
     * The connection dropped: the session, if that connection still has it, waits for the grace
     * period. False when another connection has taken it over.
     */
    synchronized boolean detach(PeerSession session, FrameSink connection) {
        if (!byToken.containsKey(session.resumeToken()) || !session.detachFrom(connection)) {
            return false;
        }
        deadlines.remove(session);
        deadlines.put(session, clock.instant().plus(grace));
        return true;
    }

    /** Removes and returns the longest-detached sessions past the cap: they end now. */
    synchronized List<PeerSession> overflow() {
        List<PeerSession> over = new ArrayList<>();
        var oldestFirst = deadlines.keySet().iterator();
        while (deadlines.size() - over.size() > maxDetached) {
            over.add(oldestFirst.next());
        }
        over.forEach(this::forget);
        return over;
    }

    /**
     * The session for this token, if it has not ended, now served by {@code connection}; the
     * connection it had, if any, is closed.
     */
    synchronized Optional<PeerSession> resume(String token, FrameSink connection) {
        PeerSession session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        deadlines.remove(session);
        session.attach(connection);
        return Optional.of(session);
    }

    /** The session ended: its token is void. */
    synchronized void ended(PeerSession session) {
        forget(session);
    }

    /** Removes and returns the detached sessions whose grace period has passed. */
    synchronized List<PeerSession> expired() {
        Instant now = clock.instant();
        List<PeerSession> expired = new ArrayList<>();
        deadlines.forEach((session, deadline) -> {
            if (!deadline.isAfter(now)) {
                expired.add(session);
            }
        });
        expired.forEach(this::forget);
        return expired;
    }

    synchronized int detachedCount() {
        return deadlines.size();
    }

    private void forget(PeerSession session) {
        deadlines.remove(session);
        byToken.remove(session.resumeToken(), session);
    }
}
