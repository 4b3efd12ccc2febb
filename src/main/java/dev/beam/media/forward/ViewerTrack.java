package dev.beam.media.forward;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.ExtensionElements;
import java.nio.charset.StandardCharsets;

/**
 * How one viewer receives one kind of the broadcast: the payload type it negotiated, the SSRC
 * the server sends it with for the life of its session, and the header extensions it accepted
 * (only the MID, RFC 8843 §15, whose value is the viewer's own).
 */
public record ViewerTrack(MediaStats.Kind kind, int payloadType, long ssrc, int midExtensionId, String mid) {

    /** The extension block written on every packet of this track; read-only once built. */
    ExtensionElements extensions() {
        ExtensionElements elements = new ExtensionElements();
        if (midExtensionId > 0 && mid != null) {
            byte[] value = mid.getBytes(StandardCharsets.US_ASCII);
            elements.add(midExtensionId, value, 0, value.length);
        }
        return elements;
    }
}
