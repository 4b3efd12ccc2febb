package dev.beam.whip;

/** A request refused with an HTTP status and a plain-text reason (RFC 9725 section 4.2's error statuses). */
final class HttpProblem extends Exception {
    private final int status;
    private final long retryAfterSeconds;

    HttpProblem(int status, String reason) {
        this(status, reason, 0);
    }

    /** With {@code Retry-After} when {@code retryAfterSeconds} is positive. */
    HttpProblem(int status, String reason, long retryAfterSeconds) {
        super(reason, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
