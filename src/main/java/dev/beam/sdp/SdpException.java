package dev.beam.sdp;

/** An offer the server cannot accept. The message is shown to users, so it says what is wrong and what is needed. */
public final class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }
}
