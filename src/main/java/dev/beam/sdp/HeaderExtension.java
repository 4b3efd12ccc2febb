package dev.beam.sdp;

/** An RTP header extension mapping, a=extmap:<id> <uri> (RFC 8285 §5). */
public record HeaderExtension(int id, String uri) {
}
