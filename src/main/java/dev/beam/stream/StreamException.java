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

    private final String code;

    public StreamException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
