package dev.beam.stream;

import dev.beam.media.BroadcasterSession;
import dev.beam.room.Broadcast;
import dev.beam.room.Peer;
import dev.beam.sdp.MediaKind;
import dev.beam.sdp.NegotiatedMedia;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A room's broadcast with its media: the broadcaster's session, what was negotiated, and the
 * viewings it feeds. {@code id} is what the wire calls the producer id.
 */
final class LiveBroadcast implements Broadcast {
    private final Peer broadcaster;
    private final MediaClient client;
    private final String id;
    private final String transportId;
    private final BroadcasterSession session;
    private final List<NegotiatedMedia> media;
    private volatile Negotiation negotiation;
    private final Set<Viewing> viewings = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean stopRequested;

    LiveBroadcast(Peer broadcaster, MediaClient client, String id, String transportId, BroadcasterSession session,
            List<NegotiatedMedia> media) {
        this.broadcaster = broadcaster;
        this.client = client;
        this.id = id;
        this.transportId = transportId;
        this.session = session;
        this.media = List.copyOf(media);
    }

    @Override
    public Peer broadcaster() {
        return broadcaster;
    }

    MediaClient client() {
        return client;
    }

    /** The broadcaster's answer, given once it is built (after the session opened). */
    void negotiated(Negotiation negotiation) {
        this.negotiation = negotiation;
    }

    Negotiation negotiation() {
        return negotiation;
    }

    /** Closes the broadcaster's session because its client asked or left, not on the server's own account. */
    void stop() {
        stopRequested = true;
        session.close();
    }

    boolean stopRequested() {
        return stopRequested;
    }

    String id() {
        return id;
    }

    String transportId() {
        return transportId;
    }

    BroadcasterSession session() {
        return session;
    }

    List<NegotiatedMedia> media() {
        return media;
    }

    Set<Viewing> viewings() {
        return viewings;
    }

    /** The mid of the broadcaster's m-line of this kind: what a viewer's m-line of the kind is fed from. */
    String sourceMid(MediaKind kind) {
        return media.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow().mid();
    }

    /** Marks the broadcast ended; true the first time only. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    boolean isEnded() {
        return ended.get();
    }
}
