package dev.beam.stream;

/** A media request that cannot be served; {@link #code()} is the wire error code. */
public final class StreamException extends Exception {
    public static final String INVALID_SDP = "invalid-sdp";
    public static final String NOT_LIVE = "not-live";
    public static final String ALREADY_PRODUCING = "already-producing";
    public static final String MEDIA_UNAVAILABLE = "media-unavailable";
    public static final String UNKNOWN_CONSUMER = "unknown-consumer";
    public static final String UNKNOWN_TRANSPORT = "unknown-transport";
    public static final String INVALID_MESSAGE = "invalid-message";
    public static final String TOO_MANY_SESSIONS = "too-many-sessions";
    /** A limit of the media plane refused it (too many sessions connecting); retry later. */
    public static final String SERVER_BUSY = "server-busy";

    private final String code;
    private final boolean wellFormedOffer;

    public StreamException(String code, String message) {
        this(code, message, false);
    }

    private StreamException(String code, String message, boolean wellFormedOffer) {
        super(message, null, false, false);
        this.code = code;
        this.wellFormedOffer = wellFormedOffer;
    }

    /** An offer that parsed but that the server cannot agree to (no codec in common, say): still {@code invalid-sdp}. */
    static StreamException unacceptableOffer(String message) {
        return new StreamException(INVALID_SDP, message, true);
    }

    public String code() {
        return code;
    }

    /** Whether the offer was well-formed SDP that the server could not agree to (HTTP 422 rather than 400). */
    public boolean isUnacceptableOffer() {
        return wellFormedOffer;
    }
}
