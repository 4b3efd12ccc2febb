package dev.beam.media.receive;

import dev.beam.media.MediaStats;

/**
 * One of the broadcaster's tracks as negotiated (one m-line of its offer): what arrives under
 * its payload type is this track, on one or more streams (SSRCs).
 *
 * @param mid         the m-line's identification tag (RFC 8843)
 * @param codec       the codec name as in a=rtpmap ("opus", "VP8", "H264")
 * @param clockRate   RTP timestamp units per second
 * @param nack        whether the broadcaster takes generic NACKs for it (RFC 4585 §6.2.1)
 * @param firOnly     keyframes must be asked for with FIR (RFC 5104), not PLI
 */
public record SourceTrack(MediaStats.Kind kind, String mid, int payloadType, String codec, int clockRate,
        boolean nack, boolean firOnly) {
    public SourceTrack {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType);
        }
        if (clockRate < 1) {
            throw new IllegalArgumentException("clock rate " + clockRate);
        }
    }

    public boolean isVideo() {
        return kind == MediaStats.Kind.VIDEO;
    }
}
