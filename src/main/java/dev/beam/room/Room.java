package dev.beam.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One broadcaster and up to {@code maxViewers} viewers. Every state change and the events it
 * causes happen under the room's lock, so all members see a room's events in one order.
 */
public final class Room {
    private final String name;
    private final int maxViewers;
    private final Map<String, Peer> viewers = new LinkedHashMap<>();
    private Peer broadcaster;
    private boolean live;
    private Instant emptySince;

    Room(String name, int maxViewers, Instant now) {
        this.name = name;
        this.maxViewers = maxViewers;
        this.emptySince = now;
    }

    public String name() {
        return name;
    }

    synchronized Membership join(String peerId, Role role, PeerListener listener) throws RoomException {
        Peer peer = new Peer(peerId, role, this, listener);
        if (role == Role.BROADCASTER) {
            if (broadcaster != null) {
                throw RoomException.broadcasterExists(name);
            }
            broadcaster = peer;
            emptySince = null;
            listener.viewerCount(name, viewers.size());
            return new Membership(peer, snapshot());
        }
        if (viewers.size() >= maxViewers) {
            throw RoomException.roomFull(name, maxViewers);
        }
        viewers.put(peerId, peer);
        emptySince = null;
        if (broadcaster != null) {
            broadcaster.listener().userJoined(name, peerId);
        }
        announceViewerCount();
        return new Membership(peer, snapshot());
    }

    /** Removes the peer; ends the broadcast if it was the broadcaster. Returns false if it was not a member. */
    synchronized boolean leave(Peer peer, Instant now) {
        if (peer == broadcaster) {
            endBroadcast();
            broadcaster = null;
        } else if (viewers.remove(peer.id(), peer)) {
            if (broadcaster != null) {
                broadcaster.listener().userLeft(name, peer.id());
            }
            announceViewerCount();
        } else {
            return false;
        }
        if (broadcaster == null && viewers.isEmpty()) {
            emptySince = now;
        }
        return true;
    }

    synchronized void startBroadcast(Peer peer) throws RoomException {
        requireBroadcaster(peer);
        if (live) {
            return;
        }
        live = true;
        for (Peer viewer : viewers.values()) {
            viewer.listener().streamStarted(name);
        }
    }

    synchronized void stopBroadcast(Peer peer) throws RoomException {
        requireBroadcaster(peer);
        endBroadcast();
    }

    synchronized boolean isLive() {
        return live;
    }

    synchronized boolean isMember(Peer peer) {
        return peer == broadcaster || viewers.get(peer.id()) == peer;
    }

    /** Viewers present now, in the order they joined. */
    public synchronized List<Peer> viewers() {
        return new ArrayList<>(viewers.values());
    }

    synchronized boolean emptySinceAtLeast(Instant cutoff) {
        return emptySince != null && !emptySince.isAfter(cutoff);
    }

    public synchronized RoomSnapshot snapshot() {
        return new RoomSnapshot(name, broadcaster != null, live, viewers.size());
    }

    private void requireBroadcaster(Peer peer) throws RoomException {
        if (peer.room() != this || !isMember(peer)) {
            throw RoomException.notMember(peer);
        }
        if (peer != broadcaster) {
            throw RoomException.notBroadcaster();
        }
    }

    private void endBroadcast() {
        if (!live) {
            return;
        }
        live = false;
        for (Peer viewer : viewers.values()) {
            viewer.listener().streamEnded(name);
        }
    }

    private void announceViewerCount() {
        int count = viewers.size();
        if (broadcaster != null) {
            broadcaster.listener().viewerCount(name, count);
        }
        for (Peer viewer : viewers.values()) {
            viewer.listener().viewerCount(name, count);
        }
    }
}
