package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may make ice4j keep state for a new remote address. Each address the media port takes in
 * costs a socket, a reader thread in ice4j's STUN stack and STUN transactions, and ice4j would
 * take any that sends a Binding request naming a live session's ufrag, before checking the
 * request's integrity ({@link AdmittingUdpHarvester} asks here first). This table
 * lets a new address in only when its request authenticates with the session's ice-pwd (only
 * the peer that got the answer knows it), and at most {@code maxSourcesPerSession} addresses per
 * session. So ice4j's per-address state is bounded by sessions times that cap.
 */
public final class IceAdmission {
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final int maxSourcesPerSession;
    private final MediaStats stats;

    public IceAdmission(int maxSourcesPerSession, MediaStats stats) {
        if (maxSourcesPerSession < 1) {
            throw new IllegalArgumentException("sources per session must be at least 1: " + maxSourcesPerSession);
        }
        this.maxSourcesPerSession = maxSourcesPerSession;
        this.stats = stats;
    }

    private record Entry(StunCredentials credentials, AtomicInteger sources) {
    }

    void register(String ufrag, String password) {
        sessions.put(ufrag, new Entry(new StunCredentials(ufrag, password), new AtomicInteger()));
    }

    void unregister(String ufrag) {
        sessions.remove(ufrag);
    }

    /**
     * Whether the first request from a new address, naming {@code ufrag}, may reach ice4j.
     * Refusals are counted: unauthenticated ones as drops, those over the cap as a refused limit.
     */
    boolean admit(byte[] buf, int off, int len, String ufrag) {
        Entry entry = ufrag == null ? null : sessions.get(ufrag);
        if (entry == null || !entry.credentials().verify(buf, off, len)) {
            stats.unauthenticatedDrops.increment();
            return false;
        }
        if (entry.sources().incrementAndGet() > maxSourcesPerSession) {
            entry.sources().decrementAndGet();
            stats.refused(MediaStats.Limit.ICE_SOURCES);
            return false;
        }
        return true;
    }

    MediaStats stats() {
        return stats;
    }

    /** Sessions registered now. */
    int sessions() {
        return sessions.size();
    }
}
