package dev.beam.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One broadcaster and up to {@code maxViewers} viewers, and the broadcast while live. Every
 * state change and the events it causes happen under the room's own lock, so all members see a
 * room's events in one order, and rooms never wait on each other. Events go to a copy of the
 * member list: a listener that ends up leaving the room (its connection closed) cannot disturb
 * the iteration that told it.
 */
public final class Room {
    private final String name;
    private final int maxViewers;
    private final Map<String, Peer> viewers = new LinkedHashMap<>();
    private Peer broadcaster;
    private Broadcast live;
    private Instant emptySince;
    /** Removed from the registry: a join that found it a moment earlier must look again. */
    private boolean retired;

    Room(String name, int maxViewers, Instant now) {
        this.name = name;
        this.maxViewers = maxViewers;
        this.emptySince = now;
    }

    public String name() {
        return name;
    }

    /** Joins the peer; null if the room was retired meanwhile. */
    synchronized Membership join(String peerId, Role role, PeerListener listener) throws RoomException {
        if (retired) {
            return null;
        }
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

    /** The room goes live with this broadcast of its broadcaster; viewers get stream-started. */
    synchronized void startBroadcast(Broadcast broadcast) throws RoomException {
        requireBroadcaster(broadcast.broadcaster());
        if (live != null) {
            throw RoomException.alreadyLive(name);
        }
        live = broadcast;
        for (Peer viewer : List.copyOf(viewers.values())) {
            viewer.listener().streamStarted(name);
        }
    }

    /** Ends this broadcast if it is the live one; viewers get stream-ended. False if it was not. */
    synchronized boolean endBroadcast(Broadcast broadcast) {
        if (live == null || live != broadcast) {
            return false;
        }
        endBroadcast();
        return true;
    }

    /** The live broadcast, if any. */
    public synchronized Optional<Broadcast> broadcast() {
        return Optional.ofNullable(live);
    }

    synchronized boolean isMember(Peer peer) {
        return peer == broadcaster || viewers.get(peer.id()) == peer;
    }

    /** Viewers present now, in the order they joined. */
    public synchronized List<Peer> viewers() {
        return new ArrayList<>(viewers.values());
    }

    synchronized boolean emptySince(Instant cutoff) {
        return emptySince != null && !emptySince.isAfter(cutoff);
    }

    /** Retires the room if it has been empty since the cutoff; true if it did. */
    synchronized boolean retireIfEmptySince(Instant cutoff) {
        retired = emptySince(cutoff);
        return retired;
    }

    public synchronized RoomSnapshot snapshot() {
        return new RoomSnapshot(name, broadcaster != null, live != null, viewers.size());
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
        if (live == null) {
            return;
        }
        live = null;
        for (Peer viewer : List.copyOf(viewers.values())) {
            viewer.listener().streamEnded(name);
        }
    }

    private void announceViewerCount() {
        int count = viewers.size();
        if (broadcaster != null) {
            broadcaster.listener().viewerCount(name, count);
        }
        for (Peer viewer : List.copyOf(viewers.values())) {
            viewer.listener().viewerCount(name, count);
        }
    }
}
