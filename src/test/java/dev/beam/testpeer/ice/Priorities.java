package dev.beam.testpeer.ice;

/** Candidate priorities, RFC 8445 §5.1.2.1: (2^24)·type + (2^8)·local + (256 − component). */
public final class Priorities {
    /** Recommended type preferences, RFC 8445 §5.1.2.2. */
    static final int HOST = 126;
    static final int PEER_REFLEXIVE = 110;
    /** One address per peer, so the highest local preference. */
    private static final int LOCAL = 65535;
    /** rtcp-mux and BUNDLE: the one RTP component. */
    private static final int COMPONENT = 1;

    private Priorities() {
    }

    /** The priority of the peer's one host candidate, for its a=candidate line. */
    public static long host() {
        return of(HOST);
    }

    /** What a check's PRIORITY carries: the priority as a peer-reflexive candidate (RFC 8445 §7.1.1). */
    static long peerReflexive() {
        return of(PEER_REFLEXIVE);
    }

    private static long of(int typePreference) {
        return ((long) typePreference << 24) + ((long) LOCAL << 8) + (256 - COMPONENT);
    }
}
