package dev.beam.sdp;

/** What the server sends on one viewer m= line: its SSRC, CNAME (RFC 7022) and msid (RFC 8830 §2). */
public record OutgoingStream(long ssrc, String cname, String streamId, String trackId) {
}
