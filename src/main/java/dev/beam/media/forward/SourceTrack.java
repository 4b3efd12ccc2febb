package dev.beam.media.forward;

import dev.beam.media.MediaStats;

/** One of the broadcaster's tracks as negotiated: its kind and payload type (unique in the BUNDLE). */
public record SourceTrack(MediaStats.Kind kind, int payloadType) {
    public SourceTrack {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType);
        }
    }
}
