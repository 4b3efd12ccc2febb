package dev.beam.room;

/**
 * Room events, delivered to one peer. Called while the room's state is locked so that every
 * peer sees the events of a room in the order they happened: implementations must not block.
 */
public interface PeerListener {

    /** The number of viewers in the room changed. Sent to everyone in the room. */
    void viewerCount(String room, int viewers);

    /** The room went live. Sent to viewers. */
    void streamStarted(String room);

    /** The room's broadcast ended. Sent to viewers. */
    void streamEnded(String room);

    /** A viewer entered the room. Sent to the broadcaster. */
    void userJoined(String room, String peerId);

    /** A viewer left the room. Sent to the broadcaster. */
    void userLeft(String room, String peerId);
}
