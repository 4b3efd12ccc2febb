package dev.beam.stream;

import dev.beam.media.ViewerSession;
import dev.beam.room.Peer;

/** A viewer's media session of one broadcast; {@code id} is what the wire calls the consumer id. */
record Viewing(Peer viewer, MediaClient client, String id, String transportId, ViewerSession session, LiveBroadcast source,
        Negotiation negotiation) {
}
