package dev.beam.sdp;

/** An offer refused by {@link SdpLimits} before it was parsed, because it is larger than any browser's. */
public final class SdpLimitException extends SdpException {
    private static final long serialVersionUID = 1L;

    SdpLimitException(String message) {
        super(message);
    }
}
