package dev.beam.sdp;

/**
 * An offer the server cannot accept. The message is shown to users, so it says what is wrong and what is needed.
 * The parser throws nothing else, whatever its input.
 */
public class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }
}
