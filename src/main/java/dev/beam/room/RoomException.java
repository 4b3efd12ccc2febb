package dev.beam.room;

/** A room operation that the room's state does not allow; {@link #code()} is the wire error code. */
public final class RoomException extends Exception {
    /** The server holds its maximum of rooms ({@code MAX_ROOMS}). */
    public static final String TOO_MANY_ROOMS = "too-many-rooms";

    private final String code;

    public RoomException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static RoomException roomFull(String room, int max) {
        return new RoomException("room-full", "room '" + room + "' already has its maximum of " + max + " viewers");
    }

    static RoomException tooManyRooms(int max) {
        return new RoomException(TOO_MANY_ROOMS, "the server already has its maximum of " + max
                + " rooms; join an existing room or try again later");
    }

    static RoomException broadcasterExists(String room) {
        return new RoomException("broadcaster-exists", "room '" + room + "' already has a broadcaster");
    }

    static RoomException alreadyLive(String room) {
        return new RoomException("already-producing", "room '" + room + "' is already live; close its broadcast first");
    }

    static RoomException notMember(Peer peer) {
        return new RoomException("not-in-room", "peer " + peer.id() + " is no longer in room '" + peer.room().name() + "'");
    }

    static RoomException notBroadcaster() {
        return new RoomException("not-broadcaster", "only the room's broadcaster can do this");
    }
}
