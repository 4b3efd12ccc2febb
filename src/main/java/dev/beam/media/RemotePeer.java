package dev.beam.media;

/** What the media plane needs from a peer's offer: its ICE credentials and DTLS fingerprint. */
public record RemotePeer(String iceUfrag, String icePassword, String fingerprint) {
}
