package dev.beam.signaling;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Text frames to {@link ClientMessage}s and {@link ServerMessage}s to text frames. Decoding tells
 * apart malformed JSON, an unknown or missing type, and fields that break the message's constraints.
 */
public final class MessageCodec {
    /** The largest text frame accepted: 64 KiB. */
    public static final int MAX_FRAME_CHARS = 64 * 1024;

    private static final Map<String, Class<?>> CLIENT_TYPES = Arrays
            .stream(ClientMessage.class.getAnnotation(JsonbTypeInfo.class).value())
            .collect(Collectors.toUnmodifiableMap(JsonbSubtype::alias, JsonbSubtype::type));

    private static final Map<Class<?>, String> CLIENT_TYPE_NAMES = CLIENT_TYPES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    /**
     * Found once: each {@code Json.createReader} call looks the provider up again through the
     * ServiceLoader, which reads jar files on the request path.
     */
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private final Jsonb jsonb;
    private final Validator validator;

    public MessageCodec(Jsonb jsonb, Validator validator) {
        this.jsonb = jsonb;
        this.validator = validator;
    }

    public ClientMessage decode(String text) throws SignalingException {
        JsonObject object = parseObject(text);
        Long id = requestId(object);
        JsonValue type = object.get("type");
        if (!(type instanceof JsonString typeName)) {
            throw new SignalingException(SignalingException.INVALID_MESSAGE, "field 'type' must be a string", id);
        }
        if (!CLIENT_TYPES.containsKey(typeName.getString())) {
            throw new SignalingException(SignalingException.UNKNOWN_TYPE,
                    "unknown message type '" + ClientText.quote(typeName.getString()) + "'", id);
        }
        ClientMessage message;
        try {
            message = jsonb.fromJson(text, ClientMessage.class);
        } catch (RuntimeException e) {
            // Whatever JSON-B raises here, the input is at fault, not the server.
            throw new SignalingException(SignalingException.INVALID_MESSAGE,
                    "'" + typeName.getString() + "' has a field of the wrong type", id);
        }
        Set<ConstraintViolation<ClientMessage>> violations = validator.validate(message);
        if (!violations.isEmpty()) {
            throw new SignalingException(SignalingException.INVALID_MESSAGE, "'" + typeName.getString() + "': "
                    + violations.stream()
                            .map(v -> v.getPropertyPath() + " " + v.getMessage())
                            .sorted()
                            .collect(Collectors.joining("; ")), id);
        }
        return message;
    }

    /**
     * Runs every path of the codec once: each client message type decoded, valid and breaking
     * each kind of constraint, malformed JSON, and each server message type encoded. JSON-P,
     * JSON-B and Bean Validation load classes and message bundles lazily, on first use; done on a
     * request, a load that fails for want of file descriptors leaves a class unusable for good
     * ({@code NoClassDefFoundError} on every later message). Done once at startup, nothing is
     * left to load on the request path.
     *
     * @throws IllegalStateException if a sample does not come out as it must
     */
    public void warmUp() {
        for (String valid : CodecSamples.VALID) {
            try {
                decode(valid);
            } catch (SignalingException e) {
                throw new IllegalStateException("codec warm-up: refused a valid sample: " + e.getMessage(), e);
            }
        }
        for (String invalid : CodecSamples.INVALID) {
            try {
                decode(invalid);
                throw new IllegalStateException("codec warm-up: accepted an invalid sample: " + invalid);
            } catch (SignalingException expected) {
                // refused, as it must be; its message was built, which loaded the bundles
            }
        }
        for (ServerMessage message : CodecSamples.serverMessages()) {
            encode(message);
        }
    }

    /** The client message types by wire name. */
    static Set<String> clientTypes() {
        return CLIENT_TYPES.keySet();
    }

    /** The wire name of a message's type, e.g. {@code join-room}. */
    public static String typeOf(ClientMessage message) {
        return CLIENT_TYPE_NAMES.get(message.getClass());
    }

    public String encode(ServerMessage message) {
        // By runtime type: JSON-B would write only the interface's (absent) properties otherwise.
        return jsonb.toJson(message);
    }

    /** A frame that is not a JSON object; its error still carries the id if a scan of the raw text finds one. */
    private static JsonObject parseObject(String text) throws SignalingException {
        JsonValue value;
        try (var reader = READERS.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonParsingException e) {
            throw new SignalingException(SignalingException.BAD_JSON, "malformed JSON: " + ClientText.quote(e.getMessage()),
                    RequestIdScanner.find(text));
        } catch (RuntimeException e) {
            throw new SignalingException(SignalingException.BAD_JSON, "malformed JSON", RequestIdScanner.find(text));
        }
        if (!(value instanceof JsonObject object)) {
            throw new SignalingException(SignalingException.BAD_JSON, "a message must be a JSON object", null);
        }
        return object;
    }

    private static Long requestId(JsonObject object) throws SignalingException {
        JsonValue id = object.get("id");
        if (id == null || id == JsonValue.NULL) {
            return null;
        }
        if (id instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                // falls through to the error below
            }
        }
        throw new SignalingException(SignalingException.INVALID_MESSAGE, "field 'id' must be an integer", null);
    }
}
