package dev.beam.media;

import java.io.IOException;

/** A session the media plane refused because one of its limits is reached; nothing was opened. */
public final class MediaLimitException extends IOException {
    private final MediaStats.Limit limit;

    public MediaLimitException(MediaStats.Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    public MediaStats.Limit limit() {
        return limit;
    }
}
