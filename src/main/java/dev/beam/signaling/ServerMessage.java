package dev.beam.signaling;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import dev.beam.turn.IceServer;
import java.util.List;

/** Messages the server sends: replies carry the request's {@code id}, events carry none. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "room-joined", type = ServerMessage.RoomJoined.class),
        @JsonbSubtype(alias = "room-left", type = ServerMessage.RoomLeft.class),
        @JsonbSubtype(alias = "session-resumed", type = ServerMessage.SessionResumed.class),
        @JsonbSubtype(alias = "user-joined", type = ServerMessage.UserJoined.class),
        @JsonbSubtype(alias = "user-left", type = ServerMessage.UserLeft.class),
        @JsonbSubtype(alias = "transport-created", type = ServerMessage.TransportCreated.class),
        @JsonbSubtype(alias = "transport-connected", type = ServerMessage.TransportConnected.class),
        @JsonbSubtype(alias = "ice-restarted", type = ServerMessage.IceRestarted.class),
        @JsonbSubtype(alias = "transport-closed", type = ServerMessage.TransportClosed.class),
        @JsonbSubtype(alias = "producer-created", type = ServerMessage.ProducerCreated.class),
        @JsonbSubtype(alias = "producer-closed", type = ServerMessage.ProducerClosed.class),
        @JsonbSubtype(alias = "consumer-created", type = ServerMessage.ConsumerCreated.class),
        @JsonbSubtype(alias = "consumer-resumed", type = ServerMessage.ConsumerResumed.class),
        @JsonbSubtype(alias = "quality-set", type = ServerMessage.QualitySet.class),
        @JsonbSubtype(alias = "layer-changed", type = ServerMessage.LayerChanged.class),
        @JsonbSubtype(alias = "send-layers", type = ServerMessage.SendLayers.class),
        @JsonbSubtype(alias = "stream-started", type = ServerMessage.StreamStarted.class),
        @JsonbSubtype(alias = "stream-ended", type = ServerMessage.StreamEnded.class),
        @JsonbSubtype(alias = "viewer-count", type = ServerMessage.ViewerCount.class),
        @JsonbSubtype(alias = "error", type = ServerMessage.Error.class)
})
public sealed interface ServerMessage {

    /**
     * {@code resumeToken} lets a later connection take the session over within {@code resumeWithinMs} of a drop;
     * {@code iceServers} (with TURN credentials issued for this peer) and {@code iceTransportPolicy} are for the
     * page's RTCPeerConnection.
     */
    record RoomJoined(Long id, String room, String role, String peerId, boolean live, int viewers, String sessionId,
            String resumeToken, long resumeWithinMs, List<IceServer> iceServers, String iceTransportPolicy)
            implements ServerMessage {
    }

    /** The room as it is now, which of the session's transports are still open, and fresh ICE servers. */
    record SessionResumed(Long id, String room, String role, String peerId, String sessionId, boolean live,
            int viewers, List<String> transports, List<IceServer> iceServers, String iceTransportPolicy)
            implements ServerMessage {
    }

    record RoomLeft(Long id, String room) implements ServerMessage {
    }

    record UserJoined(String room, String peerId) implements ServerMessage {
    }

    record UserLeft(String room, String peerId) implements ServerMessage {
    }

    /** Sent before producer-created or consumer-created: the server side of the peer connection exists. */
    record TransportCreated(String transportId, String direction) implements ServerMessage {
    }

    record TransportConnected(Long id, String transportId) implements ServerMessage {
    }

    /** The answer to a {@code restart-ice}: the session's answer with the server's new ICE credentials. */
    record IceRestarted(Long id, String transportId, String sdp) implements ServerMessage {
    }

    /** The server closed a media session on its own (consent expired, its media failed, a deadline passed). */
    record TransportClosed(String transportId, String reason) implements ServerMessage {
    }

    record ProducerCreated(Long id, String producerId, String transportId, String sdp) implements ServerMessage {
    }

    record ProducerClosed(Long id) implements ServerMessage {
    }

    record ConsumerCreated(Long id, String consumerId, String transportId, String sdp) implements ServerMessage {
    }

    record ConsumerResumed(Long id, String consumerId) implements ServerMessage {
    }

    /**
     * {@code simulcast}: whether the broadcast has layers to choose from; without, the one stream
     * stays (under {@code low} without its temporal layers above the base).
     */
    record QualitySet(Long id, String consumerId, String quality, boolean simulcast) implements ServerMessage {
    }

    /**
     * What a viewer's video is now: the quality it asked for, the simulcast layer (rid, null for
     * a track without simulcast) chosen and why, the highest temporal layer it gets (null: all),
     * and its bandwidth estimate (null without transport-cc). Sent when one of them changes.
     */
    record LayerChanged(String consumerId, String quality, String layer, String reason, Integer temporalLayer,
            Long estimateBps)
            implements ServerMessage {
    }

    /** To a broadcaster: the simulcast layers (rids) viewers need, and those nobody does, which it may pause. */
    record SendLayers(String producerId, List<String> active, List<String> paused) implements ServerMessage {
    }

    record StreamStarted(String room) implements ServerMessage {
    }

    record StreamEnded(String room) implements ServerMessage {
    }

    record ViewerCount(String room, int count) implements ServerMessage {
    }

    record Error(Long id, String code, String message) implements ServerMessage {
    }
}
