package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.turn.IceServer;
import dev.beam.signaling.ClientMessage.CloseProducer;
import dev.beam.signaling.ClientMessage.ConnectTransport;
import dev.beam.signaling.ClientMessage.Consume;
import dev.beam.signaling.ClientMessage.CreateTransport;
import dev.beam.signaling.ClientMessage.IceCandidate;
import dev.beam.signaling.ClientMessage.JoinRoom;
import dev.beam.signaling.ClientMessage.LeaveRoom;
import dev.beam.signaling.ClientMessage.Produce;
import dev.beam.signaling.ClientMessage.ResumeConsumer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Validation;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {
    static final MessageCodec CODEC = new MessageCodec(JsonbBuilder.create(),
            Validation.buildDefaultValidatorFactory().getValidator());

    static Stream<Arguments> everyClientMessage() {
        return Stream.of(
                Arguments.of("{\"type\":\"join-room\",\"id\":1,\"room\":\"main\",\"role\":\"viewer\"}",
                        new JoinRoom(1L, "main", "viewer", null)),
                Arguments.of("{\"type\":\"leave-room\",\"id\":2}", new LeaveRoom(2L)),
                Arguments.of("{\"type\":\"create-transport\"}", new CreateTransport(null)),
                Arguments.of("{\"type\":\"connect-transport\",\"id\":3,\"transportId\":\"t1\","
                                + "\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}",
                        new ConnectTransport(3L, "t1", new IceCandidate("candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", 0))),
                Arguments.of("{\"type\":\"produce\",\"id\":4,\"sdp\":\"v=0\\r\\n\"}", new Produce(4L, "v=0\r\n")),
                Arguments.of("{\"type\":\"close-producer\",\"id\":5}", new CloseProducer(5L)),
                Arguments.of("{\"type\":\"consume\",\"id\":6,\"sdp\":\"v=0\"}", new Consume(6L, "v=0")),
                Arguments.of("{\"type\":\"resume-consumer\",\"id\":7,\"consumerId\":\"c-1\"}", new ResumeConsumer(7L, "c-1")),
                Arguments.of("{\"type\":\"set-quality\",\"id\":8,\"consumerId\":\"c-1\",\"quality\":\"low\"}",
                        new ClientMessage.SetQuality(8L, "c-1", "low")));
    }

    @ParameterizedTest
    @MethodSource("everyClientMessage")
    void decodesEveryClientMessage(String json, ClientMessage expected) throws Exception {
        ClientMessage decoded = CODEC.decode(json);

        assertEquals(expected, decoded);
        assertEquals(json.substring(9, json.indexOf('"', 9)), MessageCodec.typeOf(decoded));
    }

    static Stream<Arguments> everyServerMessage() {
        return Stream.of(
                Arguments.of(new ServerMessage.RoomJoined(1L, "main", "viewer", "p1", true, 3, "s-1", "tok", 20000,
                        List.of(new IceServer(List.of("stun:s.example.net"), null, null),
                                new IceServer(List.of("turn:t.example.net"), "1700086400:p1", "pw")), "relay"),
                        "{\"type\":\"room-joined\",\"iceServers\":[{\"urls\":[\"stun:s.example.net\"]},"
                                + "{\"credential\":\"pw\",\"urls\":[\"turn:t.example.net\"],\"username\":\"1700086400:p1\"}],"
                                + "\"iceTransportPolicy\":\"relay\",\"id\":1,\"live\":true,\"peerId\":\"p1\",\"resumeToken\":\"tok\","
                                + "\"resumeWithinMs\":20000,\"role\":\"viewer\",\"room\":\"main\",\"sessionId\":\"s-1\",\"viewers\":3}"),
                Arguments.of(new ServerMessage.SessionResumed(2L, "main", "viewer", "p1", "s-1", true, 3, List.of("t-1"),
                        List.of(), "all"),
                        "{\"type\":\"session-resumed\",\"iceServers\":[],\"iceTransportPolicy\":\"all\",\"id\":2,\"live\":true,\"peerId\":\"p1\",\"role\":\"viewer\","
                                + "\"room\":\"main\",\"sessionId\":\"s-1\",\"transports\":[\"t-1\"],\"viewers\":3}"),
                Arguments.of(new ServerMessage.RoomLeft(2L, "main"), "{\"type\":\"room-left\",\"id\":2,\"room\":\"main\"}"),
                Arguments.of(new ServerMessage.UserJoined("main", "p2"), "{\"type\":\"user-joined\",\"peerId\":\"p2\",\"room\":\"main\"}"),
                Arguments.of(new ServerMessage.UserLeft("main", "p2"), "{\"type\":\"user-left\",\"peerId\":\"p2\",\"room\":\"main\"}"),
                Arguments.of(new ServerMessage.TransportCreated("t1", "send"),
                        "{\"type\":\"transport-created\",\"direction\":\"send\",\"transportId\":\"t1\"}"),
                Arguments.of(new ServerMessage.TransportConnected(3L, "t1"),
                        "{\"type\":\"transport-connected\",\"id\":3,\"transportId\":\"t1\"}"),
                Arguments.of(new ServerMessage.TransportClosed("t1", "consent expired"),
                        "{\"type\":\"transport-closed\",\"reason\":\"consent expired\",\"transportId\":\"t1\"}"),
                Arguments.of(new ServerMessage.ProducerCreated(4L, "pr1", "t1", "v=0"),
                        "{\"type\":\"producer-created\",\"id\":4,\"producerId\":\"pr1\",\"sdp\":\"v=0\",\"transportId\":\"t1\"}"),
                Arguments.of(new ServerMessage.ProducerClosed(5L), "{\"type\":\"producer-closed\",\"id\":5}"),
                Arguments.of(new ServerMessage.ConsumerCreated(6L, "c1", "t2", "v=0"),
                        "{\"type\":\"consumer-created\",\"consumerId\":\"c1\",\"id\":6,\"sdp\":\"v=0\",\"transportId\":\"t2\"}"),
                Arguments.of(new ServerMessage.ConsumerResumed(7L, "c1"),
                        "{\"type\":\"consumer-resumed\",\"consumerId\":\"c1\",\"id\":7}"),
                Arguments.of(new ServerMessage.QualitySet(8L, "c1", "auto", true),
                        "{\"type\":\"quality-set\",\"consumerId\":\"c1\",\"id\":8,\"quality\":\"auto\",\"simulcast\":true}"),
                Arguments.of(new ServerMessage.LayerChanged("c1", "auto", "m", "fits-estimate", 1, 812_000L),
                        "{\"type\":\"layer-changed\",\"consumerId\":\"c1\",\"estimateBps\":812000,\"layer\":\"m\","
                                + "\"quality\":\"auto\",\"reason\":\"fits-estimate\",\"temporalLayer\":1}"),
                Arguments.of(new ServerMessage.SendLayers("p1", List.of("m", "l"), List.of("h")),
                        "{\"type\":\"send-layers\",\"active\":[\"m\",\"l\"],\"paused\":[\"h\"],\"producerId\":\"p1\"}"),
                Arguments.of(new ServerMessage.StreamStarted("main"), "{\"type\":\"stream-started\",\"room\":\"main\"}"),
                Arguments.of(new ServerMessage.StreamEnded("main"), "{\"type\":\"stream-ended\",\"room\":\"main\"}"),
                Arguments.of(new ServerMessage.ViewerCount("main", 2), "{\"type\":\"viewer-count\",\"count\":2,\"room\":\"main\"}"),
                Arguments.of(new ServerMessage.Error(null, "bad-json", "malformed"),
                        "{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"malformed\"}"));
    }

    @ParameterizedTest
    @MethodSource("everyServerMessage")
    void encodesEveryServerMessageWithItsTypeFirst(ServerMessage message, String expected) {
        assertEquals(json(expected), json(CODEC.encode(message)));
        assertTrue(CODEC.encode(message).startsWith("{\"type\":"));
    }

    @Test
    void aReplyEchoesTheRequestId() {
        assertEquals(42, json(CODEC.encode(new ServerMessage.Error(42L, "x", "y"))).getInt("id"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesMalformedInputWithACode(String input, String code, Long id) {
        SignalingException e = assertThrows(SignalingException.class, () -> CODEC.decode(input));

        assertEquals(code, e.code());
        assertEquals(id, e.requestId());
        assertTrue(!e.getMessage().isBlank());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{not json", "bad-json", null),
                Arguments.of("", "bad-json", null),
                Arguments.of("[1,2]", "bad-json", null),
                Arguments.of("\"join-room\"", "bad-json", null),
                Arguments.of("{}", "invalid-message", null),
                Arguments.of("{\"type\":7,\"id\":1}", "invalid-message", 1L),
                Arguments.of("{\"type\":\"dance\",\"id\":9}", "unknown-type", 9L),
                Arguments.of("{\"type\":\"join-room\",\"id\":\"x\"}", "invalid-message", null),
                Arguments.of("{\"type\":\"join-room\",\"id\":1.5}", "invalid-message", null),
                Arguments.of("{\"type\":\"join-room\",\"id\":3}", "invalid-message", 3L),
                Arguments.of("{\"type\":\"join-room\",\"id\":3,\"room\":\"main\"}", "invalid-message", 3L),
                Arguments.of("{\"type\":\"join-room\",\"id\":3,\"room\":\"a b\",\"role\":\"viewer\"}", "invalid-message", 3L),
                Arguments.of("{\"type\":\"join-room\",\"id\":3,\"room\":\"main\",\"role\":\"king\"}", "invalid-message", 3L),
                Arguments.of("{\"type\":\"join-room\",\"id\":3,\"room\":{},\"role\":\"viewer\"}", "invalid-message", 3L),
                Arguments.of("{\"type\":\"produce\",\"id\":4}", "invalid-message", 4L),
                Arguments.of("{\"type\":\"produce\",\"id\":4,\"sdp\":\"  \"}", "invalid-message", 4L),
                Arguments.of("{\"type\":\"produce\",\"id\":4,\"sdp\":\"" + "a".repeat(ClientMessage.MAX_SDP_CHARS + 1) + "\"}",
                        "invalid-message", 4L),
                Arguments.of("{\"type\":\"consume\",\"id\":5,\"sdp\":[]}", "invalid-message", 5L),
                Arguments.of("{\"type\":\"resume-consumer\",\"id\":6}", "invalid-message", 6L),
                Arguments.of("{\"type\":\"set-quality\",\"id\":6,\"consumerId\":\"c\",\"quality\":\"best\"}",
                        "invalid-message", 6L),
                Arguments.of("{\"type\":\"connect-transport\",\"id\":7,\"transportId\":\"t\"}", "invalid-message", 7L),
                Arguments.of("{\"type\":\"connect-transport\",\"id\":7,\"transportId\":\"t\",\"candidate\":{}}",
                        "invalid-message", 7L));
    }

    @Test
    void namesTheFieldsThatBreakTheRules() {
        SignalingException e = assertThrows(SignalingException.class,
                () -> CODEC.decode("{\"type\":\"join-room\",\"room\":\"a b\"}"));

        assertTrue(e.getMessage().contains("room must be 1-64 letters"), e.getMessage());
        assertTrue(e.getMessage().contains("role must not be null"), e.getMessage());
        assertNull(e.requestId());
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        assertEquals(new LeaveRoom(1L), CODEC.decode("{\"type\":\"leave-room\",\"id\":1,\"extra\":true}"));
    }

    @Test
    void theWarmUpSamplesCoverEveryClientTypeAndTheWarmUpPasses() {
        assertEquals(MessageCodec.clientTypes(), CodecSamples.VALID.stream()
                .map(sample -> json(sample).getString("type")).collect(java.util.stream.Collectors.toSet()));
        assertEquals(ServerMessage.class.getPermittedSubclasses().length, CodecSamples.serverMessages().size());

        CODEC.warmUp();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
