package dev.beam.media;

/** How the media plane tells the control plane that a peer's media session ended by itself. */
@FunctionalInterface
public interface SessionListener {
    /** Called once, on a media thread, when the transport failed, expired or was closed. */
    void closed(String reason);
}
