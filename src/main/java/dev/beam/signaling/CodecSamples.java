package dev.beam.signaling;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import dev.beam.turn.IceServer;
import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import java.util.List;

/** Messages that take the codec down each of its paths once; see {@link MessageCodec#warmUp()}. */
final class CodecSamples {
    private static final String CANDIDATE = "{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5000 typ host\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";

    /** One valid message of every client type. */
    static final List<String> VALID = List.of(
            "{\"type\":\"join-room\",\"id\":1,\"room\":\"warm-up\",\"role\":\"viewer\",\"token\":\"a.b.c\"}",
            "{\"type\":\"leave-room\",\"id\":2}",
            "{\"type\":\"create-transport\",\"id\":3}",
            "{\"type\":\"connect-transport\",\"id\":4,\"transportId\":\"t1\",\"candidate\":" + CANDIDATE + "}",
            "{\"type\":\"restart-ice\",\"id\":11,\"transportId\":\"t1\",\"sdp\":\"v=0\"}",
            "{\"type\":\"produce\",\"id\":5,\"sdp\":\"v=0\"}",
            "{\"type\":\"close-producer\",\"id\":6}",
            "{\"type\":\"consume\",\"id\":7,\"sdp\":\"v=0\"}",
            "{\"type\":\"resume-consumer\",\"id\":8,\"consumerId\":\"c1\"}",
            "{\"type\":\"set-quality\",\"id\":10,\"consumerId\":\"c1\",\"quality\":\"auto\"}",
            "{\"type\":\"resume-session\",\"id\":9,\"token\":\"AAAAAAAAAAAAAAAAAAAAAA\"}");

    /** Each way a message is refused: every kind of constraint, wrong types, bad JSON. */
    static final List<String> INVALID = List.of(
            "{not json",
            "[]",
            "{\"id\":1}",
            "{\"type\":\"no-such-type\",\"id\":1}",
            "{\"type\":\"leave-room\",\"id\":1.5}",
            "{\"type\":\"join-room\",\"id\":1,\"room\":\"a b\"}",
            "{\"type\":\"join-room\",\"id\":1,\"room\":[],\"role\":\"viewer\"}",
            "{\"type\":\"produce\",\"id\":1,\"sdp\":\" \"}",
            "{\"type\":\"join-room\",\"id\":1,\"room\":\"a\",\"role\":\"viewer\",\"token\":\""
                    + "t".repeat(ClientMessage.MAX_TOKEN_CHARS + 1) + "\"}",
            "{\"type\":\"consume\",\"id\":1,\"sdp\":\"" + "a".repeat(ClientMessage.MAX_SDP_CHARS + 1) + "\"}",
            "{\"type\":\"connect-transport\",\"id\":1,\"transportId\":\"t1\",\"candidate\":{\"sdpMid\":\""
                    + "m".repeat(65) + "\"}}");

    private CodecSamples() {
    }

    /** One message of every server type, its fields filled with placeholder values. */
    static List<ServerMessage> serverMessages() {
        return Arrays.stream(ServerMessage.class.getPermittedSubclasses()).map(CodecSamples::sample).toList();
    }

    private static ServerMessage sample(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(components).map(CodecSamples::placeholder).toArray();
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return (ServerMessage) constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a sample " + type.getSimpleName(), e);
        }
    }

    private static Object placeholder(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return "warm-up";
        }
        if (type == Long.class || type == long.class) {
            return 1L;
        }
        if (type == Integer.class || type == int.class) {
            return 1;
        }
        if (type == Boolean.class || type == boolean.class) {
            return true;
        }
        if (type == List.class && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == IceServer.class) {
            return List.of(new IceServer(List.of("turn:warm-up"), "warm-up", "warm-up"));
        }
        if (type == List.class) {
            return List.of("warm-up");
        }
        throw new IllegalStateException("no placeholder for a field of type " + type.getName());
    }
}
