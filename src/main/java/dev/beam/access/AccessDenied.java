package dev.beam.access;

/**
 * A request refused for want of a valid token ({@link #UNAUTHORIZED}, HTTP 401) or because its
 * token grants something else ({@link #FORBIDDEN}, HTTP 403). The message is a plain reason for
 * people and never quotes the token.
 */
public final class AccessDenied extends Exception {
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";

    private final int status;
    private final String code;

    private AccessDenied(int status, String code, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** No token, or one that is not valid: malformed, expired, unsigned, or badly signed. */
    static AccessDenied unauthorized(String reason) {
        return new AccessDenied(401, UNAUTHORIZED, reason);
    }

    /** A valid token for another room or role. */
    static AccessDenied forbidden(String reason) {
        return new AccessDenied(403, FORBIDDEN, reason);
    }

    /** The HTTP status: 401 or 403. */
    public int status() {
        return status;
    }

    /** The wire code: {@code unauthorized} or {@code forbidden}. */
    public String code() {
        return code;
    }

    /** The plain reason, the same as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }
}
