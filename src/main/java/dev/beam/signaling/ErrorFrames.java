package dev.beam.signaling;

/**
 * Error replies bounded in size, and one that needs no JSON library: the reply of last resort when
 * encoding itself failed.
 */
final class ErrorFrames {
    /** The longest error message sent; longer ones (an SDP line quoted, say) are cut. */
    static final int MAX_MESSAGE_CHARS = 256;

    private ErrorFrames() {
    }

    static String capped(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    static String internalError(Long id) {
        return "{\"type\":\"error\"" + (id == null ? "" : ",\"id\":" + id)
                + ",\"code\":\"" + SignalingException.INTERNAL_ERROR + "\",\"message\":\"the server failed to handle this request\"}";
    }
}
