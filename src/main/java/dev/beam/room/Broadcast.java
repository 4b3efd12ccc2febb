package dev.beam.room;

/**
 * A room's live broadcast as the room sees it: who broadcasts. The room holds it while live, and
 * that is the one place that says whether a room is live; the media behind it belongs to the
 * control plane's stream package.
 */
public interface Broadcast {
    Peer broadcaster();
}
