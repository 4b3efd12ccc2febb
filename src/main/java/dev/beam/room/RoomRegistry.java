package dev.beam.room;

import dev.beam.config.RoomSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * All rooms of this server. A room is made by its first join and removed once it has been empty
 * for the configured idle timeout, or earlier when the server holds its maximum of rooms.
 */
@ApplicationScoped
public class RoomRegistry {
    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());

    /** Retries of a join whose room was swept under it; more means rooms are churning at the maximum. */
    private static final int MAX_JOIN_ATTEMPTS = 3;

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private RoomSettings settings;
    private Clock clock;

    /** For CDI's client proxy only. */
    protected RoomRegistry() {
    }

    @Inject
    public RoomRegistry(RoomSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Joins the room, making it if needed. Only the room's own lock is held while members are
     * told: the map is touched just to find or add the room, so a join never holds a map bin
     * (shared by other rooms' names) while it works.
     */
    public Membership join(String roomName, Role role, PeerListener listener) throws RoomException {
        String peerId = newPeerId();
        for (int attempt = 0; attempt < MAX_JOIN_ATTEMPTS; attempt++) {
            Membership joined = roomFor(roomName).join(peerId, role, listener);
            if (joined != null) {
                LOG.fine(() -> "[room " + roomName + "] " + role.wireName() + " " + peerId + " joined");
                return joined;
            }
            // The room was swept between finding it and joining it: look again.
        }
        throw RoomException.tooManyRooms(settings.maxRooms());
    }

    private Room roomFor(String roomName) throws RoomException {
        Room room = rooms.get(roomName);
        if (room != null) {
            return room;
        }
        if (rooms.size() >= settings.maxRooms()) {
            int removed = removeRoomsEmptySince(clock.instant());
            LOG.fine(() -> "at the maximum of " + settings.maxRooms() + " rooms: removed " + removed + " empty ones early");
        }
        boolean[] full = new boolean[1];
        room = rooms.computeIfAbsent(roomName, name -> {
            if (rooms.size() >= settings.maxRooms()) {
                full[0] = true;
                return null;
            }
            return new Room(name, settings.maxViewers(), clock.instant());
        });
        if (full[0] || room == null) {
            throw RoomException.tooManyRooms(settings.maxRooms());
        }
        return room;
    }

    /** Removes the peer from its room; a no-op if it already left. */
    public void leave(Peer peer) {
        if (peer.room().leave(peer, clock.instant())) {
            LOG.fine(() -> "[room " + peer.room().name() + "] " + peer.role().wireName() + " " + peer.id() + " left");
        }
    }

    public void startBroadcast(Broadcast broadcast) throws RoomException {
        Peer peer = broadcast.broadcaster();
        peer.room().startBroadcast(broadcast);
        LOG.info(() -> "[room " + peer.room().name() + "] broadcast started by " + peer.id());
    }

    /** Ends the broadcast if it is its room's live one; a no-op otherwise. */
    public void endBroadcast(Broadcast broadcast) {
        Peer peer = broadcast.broadcaster();
        if (peer.room().endBroadcast(broadcast)) {
            LOG.info(() -> "[room " + peer.room().name() + "] broadcast by " + peer.id() + " ended");
        }
    }

    public boolean isMember(Peer peer) {
        return peer.room().isMember(peer);
    }

    public Optional<Room> find(String roomName) {
        return Optional.ofNullable(rooms.get(roomName));
    }

    /** Every room, sorted by name. */
    public List<RoomSnapshot> snapshots() {
        return rooms.values().stream()
                .map(Room::snapshot)
                .sorted(Comparator.comparing(RoomSnapshot::name))
                .toList();
    }

    /** Removes the rooms that have been empty for the idle timeout; returns how many went. */
    public int sweepIdleRooms() {
        return removeRoomsEmptySince(clock.instant().minus(settings.idleTimeout()));
    }

    private int removeRoomsEmptySince(Instant cutoff) {
        int removed = 0;
        for (Map.Entry<String, Room> entry : rooms.entrySet()) {
            // Checked first without the map's bin lock: most rooms are not empty.
            if (!entry.getValue().emptySince(cutoff)) {
                continue;
            }
            String name = entry.getKey();
            boolean[] gone = new boolean[1];
            rooms.computeIfPresent(name, (key, room) -> {
                gone[0] = room.retireIfEmptySince(cutoff);
                return gone[0] ? null : room;
            });
            if (gone[0]) {
                removed++;
                LOG.fine(() -> "[room " + name + "] removed, empty since before " + cutoff);
            }
        }
        return removed;
    }

    /** Rooms that exist now. */
    public int size() {
        return rooms.size();
    }

    private String newPeerId() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
