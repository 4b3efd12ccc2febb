package dev.beam.signaling;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Messages a browser sends. The {@code type} field selects the record; {@code id}, when given, is
 * echoed in the reply. Constraints are checked before a message reaches the service.
 *
 * <p>The wire keeps the seed application's names; this is the one place they meet the server's
 * vocabulary (broadcaster and viewer): {@code produce} is the broadcaster's offer, which starts
 * broadcasting, and its {@code producerId} names the broadcast; {@code close-producer} stops
 * broadcasting; {@code consume} is a viewer's offer, which starts viewing, and its
 * {@code consumerId} names the viewing; {@code resume-consumer} starts the viewer's media;
 * {@code set-quality} picks the viewing's simulcast layer.
 */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "join-room", type = ClientMessage.JoinRoom.class),
        @JsonbSubtype(alias = "leave-room", type = ClientMessage.LeaveRoom.class),
        @JsonbSubtype(alias = "create-transport", type = ClientMessage.CreateTransport.class),
        @JsonbSubtype(alias = "connect-transport", type = ClientMessage.ConnectTransport.class),
        @JsonbSubtype(alias = "restart-ice", type = ClientMessage.RestartIce.class),
        @JsonbSubtype(alias = "produce", type = ClientMessage.Produce.class),
        @JsonbSubtype(alias = "close-producer", type = ClientMessage.CloseProducer.class),
        @JsonbSubtype(alias = "consume", type = ClientMessage.Consume.class),
        @JsonbSubtype(alias = "resume-consumer", type = ClientMessage.ResumeConsumer.class),
        @JsonbSubtype(alias = "set-quality", type = ClientMessage.SetQuality.class),
        @JsonbSubtype(alias = "resume-session", type = ClientMessage.ResumeSession.class)
})
public sealed interface ClientMessage {
    String ROOM_NAME = "[A-Za-z0-9_-]{1,64}";
    String OPAQUE_ID = "[A-Za-z0-9_-]{1,64}";
    int MAX_SDP_CHARS = 32 * 1024;
    int MAX_TOKEN_CHARS = 4096;

    Long id();

    record JoinRoom(
            Long id,
            @NotNull @Pattern(regexp = ROOM_NAME, message = "must be 1-64 letters, digits, '-' or '_'") String room,
            @NotNull @Pattern(regexp = "broadcaster|viewer", message = "must be 'broadcaster' or 'viewer'") String role,
            @Size(max = MAX_TOKEN_CHARS) String token)
            implements ClientMessage {
    }

    record LeaveRoom(Long id) implements ClientMessage {
    }

    record CreateTransport(Long id) implements ClientMessage {
    }

    /** A candidate the browser trickles after its offer; an empty candidate ends the trickle. */
    record ConnectTransport(
            Long id,
            @NotNull @Pattern(regexp = OPAQUE_ID) String transportId,
            @NotNull @Valid IceCandidate candidate)
            implements ClientMessage {
    }

    /**
     * An ICE restart of one of the browser's transports (RFC 8445 §9): its new offer, with new ICE
     * credentials and the same DTLS fingerprint.
     */
    record RestartIce(
            Long id,
            @NotNull @Pattern(regexp = OPAQUE_ID) String transportId,
            @NotBlank @Size(max = MAX_SDP_CHARS) String sdp)
            implements ClientMessage {
    }

    record IceCandidate(@NotNull @Size(max = 1024) String candidate, @Size(max = 64) String sdpMid, Integer sdpMLineIndex) {
    }

    record Produce(Long id, @NotBlank @Size(max = MAX_SDP_CHARS) String sdp) implements ClientMessage {
    }

    record CloseProducer(Long id) implements ClientMessage {
    }

    record Consume(Long id, @NotBlank @Size(max = MAX_SDP_CHARS) String sdp) implements ClientMessage {
    }

    record ResumeConsumer(Long id, @NotNull @Pattern(regexp = OPAQUE_ID) String consumerId) implements ClientMessage {
    }

    /** The picture the viewer wants of a simulcast broadcast: its best layer, its estimate's, or a fixed one. */
    record SetQuality(
            Long id,
            @NotNull @Pattern(regexp = OPAQUE_ID) String consumerId,
            @NotNull @Pattern(regexp = "auto|high|medium|low", message = "must be 'auto', 'high', 'medium' or 'low'")
            String quality)
            implements ClientMessage {
    }

    /** A new connection takes over the session whose {@code room-joined} gave this resume token. */
    record ResumeSession(Long id, @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{16,64}") String token)
            implements ClientMessage {
    }
}
