package dev.beam.room;

import java.util.Objects;

/** A member of a room: one signaling connection in one role. */
public final class Peer {
    private final String id;
    private final Role role;
    private final Room room;
    private final PeerListener listener;

    Peer(String id, Role role, Room room, PeerListener listener) {
        this.id = Objects.requireNonNull(id);
        this.role = Objects.requireNonNull(role);
        this.room = Objects.requireNonNull(room);
        this.listener = Objects.requireNonNull(listener);
    }

    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public Room room() {
        return room;
    }

    PeerListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return role.wireName() + " " + id + " in room " + room.name();
    }
}
