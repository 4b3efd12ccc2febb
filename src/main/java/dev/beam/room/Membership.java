package dev.beam.room;

/** A successful join: the new peer and the room as it was at that moment. */
public record Membership(Peer peer, RoomSnapshot room) {
}
