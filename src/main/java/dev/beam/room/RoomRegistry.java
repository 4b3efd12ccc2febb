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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

/**
 * All rooms of this server. A room is made by its first join and removed once it has been empty
 * for the configured idle timeout.
 */
@ApplicationScoped
public class RoomRegistry {
    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());

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

    public Membership join(String roomName, Role role, PeerListener listener) throws RoomException {
        String peerId = newPeerId();
        Membership[] joined = new Membership[1];
        RoomException[] refused = new RoomException[1];
        // compute() keeps a join atomic with the idle sweep's removal of the same room.
        rooms.compute(roomName, (name, room) -> {
            Room target = room != null ? room : new Room(name, settings.maxViewers(), clock.instant());
            try {
                joined[0] = target.join(peerId, role, listener);
            } catch (RoomException e) {
                refused[0] = e;
            }
            return target;
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        LOG.fine(() -> "[room " + roomName + "] " + role.wireName() + " " + peerId + " joined");
        return joined[0];
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
        Instant cutoff = clock.instant().minus(settings.idleTimeout());
        int removed = 0;
        for (String name : rooms.keySet()) {
            boolean[] gone = new boolean[1];
            rooms.computeIfPresent(name, (key, room) -> {
                gone[0] = room.emptySinceAtLeast(cutoff);
                return gone[0] ? null : room;
            });
            if (gone[0]) {
                removed++;
                LOG.fine(() -> "[room " + name + "] removed after being empty for " + settings.idleTimeout());
            }
        }
        return removed;
    }

    private String newPeerId() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
