package dev.beam.stream;

import dev.beam.config.SessionLimitSettings;
import dev.beam.media.MediaLimitException;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The limits a request to broadcast or view can meet, in one place: media sessions per client
 * address and in all ({@link SessionQuota}), sessions connecting at once (the engine's, refused as
 * {@code server-busy}), and offers past {@link dev.beam.sdp.SdpLimits}. Each refusal is told to
 * metrics by the label of its limit.
 */
final class StreamLimits {
    /** Metric label of the offers {@link dev.beam.sdp.SdpLimits} refuses. */
    static final String SDP_LIMIT = "sdp";

    private final SessionQuota quota;
    /** Told the label of each limit that refuses a request; metrics set it. */
    private volatile Consumer<String> refusals = limit -> { };

    StreamLimits(SessionLimitSettings limits) {
        this.quota = new SessionQuota(limits, limit -> refusals.accept(limit));
    }

    /** Where refusals are counted: the label of the limit ({@code sdp}, {@code sessions}, ...). */
    void onRefused(Consumer<String> refusals) {
        this.refusals = refusals;
    }

    /** A place for one more session from this address, or {@code too-many-sessions}. */
    SessionQuota.Admission admit(String address) throws StreamException {
        return quota.admit(address);
    }

    /** An offer went past a bound of {@link dev.beam.sdp.SdpLimits}. */
    void offerRefused() {
        refusals.accept(SDP_LIMIT);
    }

    interface Opening<T> {
        T run() throws IOException;
    }

    /**
     * Opens a session in the place the admission holds, which is given back if it fails to open;
     * the engine's limit on sessions connecting at once is {@code server-busy}.
     */
    static <T> T open(SessionQuota.Admission admission, Opening<T> opening) throws StreamException {
        try {
            return opening.run();
        } catch (MediaLimitException e) {
            admission.release(); // refused before a session existed: nothing else would give it back
            throw new StreamException(StreamException.SERVER_BUSY, e.getMessage());
        } catch (IOException e) {
            admission.release();
            throw new StreamException(StreamException.MEDIA_UNAVAILABLE, "cannot open a media transport: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
    }
}
