package dev.beam.signaling;

/** A request that gets an {@code error} reply; {@link #code()} is the machine-readable code. */
public final class SignalingException extends Exception {
    public static final String BAD_JSON = "bad-json";
    public static final String UNKNOWN_TYPE = "unknown-type";
    public static final String INVALID_MESSAGE = "invalid-message";
    public static final String NOT_IN_ROOM = "not-in-room";
    public static final String ALREADY_IN_ROOM = "already-in-room";
    public static final String WRONG_ROLE = "wrong-role";
    public static final String UNSUPPORTED = "unsupported";
    public static final String INTERNAL_ERROR = "internal-error";
    /** {@code join-room} without a valid token where one is needed (see {@code AccessTokens}). */
    public static final String UNAUTHORIZED = "unauthorized";
    /** {@code join-room} with a valid token for another room or role. */
    public static final String FORBIDDEN = "forbidden";
    /** The connection sent more than its message rate allows ({@code SIGNALING_MESSAGES_PER_SECOND}). */
    public static final String RATE_LIMITED = "rate-limited";
    /** No session has the resume token given: it ended, or its grace period passed. */
    public static final String UNKNOWN_SESSION = "unknown-session";
    /** Not a reply: the reason an oversized message closes the connection. */
    public static final String MESSAGE_TOO_BIG = "message-too-big";

    private final String code;
    private final Long requestId;

    public SignalingException(String code, String message, Long requestId) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    public String code() {
        return code;
    }

    public Long requestId() {
        return requestId;
    }
}
