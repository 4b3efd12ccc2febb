package dev.beam.stream;

/**
 * What a session's offer and answer settled, as an ICE restart needs it: the answer the server
 * gave, and the DTLS fingerprint of the offer, which the restart's offer must keep.
 */
record Negotiation(String answer, String offerFingerprint) {
}
