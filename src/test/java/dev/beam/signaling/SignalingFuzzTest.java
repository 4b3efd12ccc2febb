package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beam.FakeClock;
import dev.beam.access.AccessTokens;
import dev.beam.config.RoomSettings;
import dev.beam.config.SessionLimitSettings;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.MediaService;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every signaling message type with mutated fields, against the decoder and then the service with
 * in-memory connections: about 100,000 seeded cases, bounded in count and in time. Nothing may
 * throw but {@link SignalingException} or {@link RoomException}, and an error for a message that
 * had a valid id carries it.
 */
class SignalingFuzzTest {
    private static final long SEED = 0x8EA3L;
    private static final int CASES = 100_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);
    private static final int CONNECTIONS = 12;

    /** Json.create* would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Random random = new Random(SEED);
    private final RoomRegistry rooms = new RoomRegistry(new RoomSettings(4, Duration.ofMinutes(5), 16), new FakeClock());
    private final SignalingService service = new SignalingService(rooms, new Broadcasts(new MediaService(), rooms,
            new SessionLimitSettings(8, 1000)), AccessTokens.open(), MessageCodecTest.CODEC,
            new ResumableSessions(new FakeClock(), Duration.ofSeconds(20), 8));
    private final List<JsonObject> samples = samples();
    private final List<Connection> connections = new ArrayList<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();

    private record Connection(PeerSession session, FrameSink sink) {
    }

    private Connection connect() {
        DiscardingSink sink = new DiscardingSink();
        return new Connection(service.open("127.0.0.1", sink), sink);
    }

    /** Counts frames, keeps none: the fuzzer checks what is thrown, not what is sent. */
    private static final class DiscardingSink implements FrameSink {
        int frames;

        @Override
        public void send(String frame) {
            frames++;
        }

        @Override
        public void close() {
        }

        @Override
        public void takenOver() {
        }
    }

    @Test
    void mutatedMessagesGetOnlyTheirOwnErrorsWithTheirIds() {
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.add(connect());
        }
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long start = System.nanoTime();
        int run = 0;
        for (; run < CASES && System.nanoTime() < deadline; run++) {
            runCase(run);
        }
        System.out.printf("signaling fuzz: %d cases in %d ms (%d ms of CPU): %s%n", run, (System.nanoTime() - start) / 1_000_000,
                ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000, outcomes);
        assertEquals(CASES, run, "all cases within " + BUDGET + "; outcomes " + outcomes);
        assertTrue(outcomes.entrySet().stream().filter(e -> !e.getKey().startsWith("decode "))
                .mapToInt(Map.Entry::getValue).sum() > CASES / 10, "enough mutants reach the service: " + outcomes);
        assertTrue(outcomes.keySet().stream().filter(k -> k.startsWith("decode ")).count() >= 3,
                "the decoder's errors are all reached: " + outcomes);
    }

    private void runCase(int run) {
        JsonObject sample = samples.get(random.nextInt(samples.size()));
        Long id = random.nextInt(10) == 0 ? null : random.nextLong() >> random.nextInt(63);
        Mutant mutant = mutate(sample, id);
        ClientMessage message;
        try {
            message = MessageCodecTest.CODEC.decode(mutant.text);
        } catch (SignalingException e) {
            count("decode " + e.code());
            assertTrue(e.getMessage().length() <= 400, "error message bounded: " + e.getMessage().length());
            if (mutant.validId) {
                assertEquals(id, e.requestId(), () -> "id kept in " + e.code() + " for case " + run + ": " + shorten(mutant.text));
            }
            return;
        } catch (Throwable e) {
            throw new AssertionError("decoder threw for case " + run + ": " + shorten(mutant.text), e);
        }
        Connection picked = connections.get(random.nextInt(connections.size()));
        PeerSession connection = picked.session();
        try {
            SignalingService.Handled handled = service.handle(connection, picked.sink(), message);
            if (message instanceof ClientMessage.ResumeSession) {
                throw new AssertionError("resumed a session no token was given for: " + mutant.text);
            }
            connection.reply(handled.reply());
            count("handled");
        } catch (SignalingException e) {
            count("service " + e.code());
            assertEquals(message.id(), e.requestId(), () -> "id kept in " + e.code() + " for case " + run);
        } catch (RoomException e) {
            count("room " + e.code());
        } catch (Throwable e) {
            throw new AssertionError("service threw for case " + run + ": " + shorten(mutant.text), e);
        }
        if (random.nextInt(50) == 0) {
            service.disconnected(connection, picked.sink(), random.nextBoolean());
            connections.set(connections.indexOf(picked), connect());
        }
    }

    private record Mutant(String text, boolean validId) {
    }

    private Mutant mutate(JsonObject sample, Long id) {
        JsonObjectBuilder builder = JSON.createObjectBuilder(sample);
        if (id == null) {
            builder.remove("id");
        } else {
            builder.add("id", id);
        }
        List<String> fields = new ArrayList<>(sample.keySet());
        fields.remove("id");
        int mutations = random.nextInt(4);
        boolean idIntact = true;
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(6)) {
                case 0 -> builder.add(pick(fields), hostileValue(0));
                case 1 -> builder.remove(pick(fields));
                case 2 -> builder.add(hostileString(16), hostileValue(0));
                case 3 -> builder.add("type", hostileString(random.nextInt(20) == 0 ? 2000 : 40));
                case 4 -> {
                    builder.add("id", hostileValue(0));
                    idIntact = false;
                }
                default -> builder.add(pick(fields), hostileString(random.nextInt(200) == 0 ? 40_000 : 300));
            }
        }
        String text = builder.build().toString();
        switch (random.nextInt(16)) {
            case 0 -> {
                return new Mutant(text.substring(0, random.nextInt(text.length() + 1)), false);
            }
            case 1 -> {
                return new Mutant(flipChars(text), false);
            }
            case 2 -> {
                return new Mutant(randomText(random.nextInt(200)), false);
            }
            case 3 -> {
                return new Mutant(deepNesting(random.nextInt(4) == 0 ? 2000 : random.nextInt(100)), false);
            }
            default -> {
                return new Mutant(text, id != null && idIntact);
            }
        }
    }

    private String pick(List<String> fields) {
        return fields.isEmpty() ? "type" : fields.get(random.nextInt(fields.size()));
    }

    private JsonValue hostileValue(int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> JsonValue.NULL;
            case 1 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 2 -> JSON.createValue(random.nextLong());
            case 3 -> JSON.createValue(new java.math.BigDecimal(random.nextInt(2) == 0 ? "1e400" : "-0.000000001"));
            case 4 -> JSON.createValue(new java.math.BigInteger("9".repeat(1 + random.nextInt(60))));
            case 5 -> JSON.createValue(hostileString(random.nextInt(100)));
            case 6 -> {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(hostileValue(depth + 1));
                }
                yield array.build();
            }
            case 7 -> {
                JsonObjectBuilder object = JSON.createObjectBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.add(hostileString(8), hostileValue(depth + 1));
                }
                yield object.build();
            }
            default -> JSON.createValue(Double.MAX_VALUE);
        };
    }

    /** Letters, unicode from every plane, control characters and lone surrogates. */
    private String hostileString(int maxLength) {
        int length = maxLength == 0 ? 0 : random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 2 -> text.appendCodePoint(0x80 + random.nextInt(0x10FF7F - 0x80));
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        String s = text.toString();
        return s.isEmpty() || random.nextBoolean() ? s : s.replace('\uD800', 'x');
    }

    private String flipChars(String text) {
        char[] chars = text.toCharArray();
        for (int i = random.nextInt(5); i >= 0 && chars.length > 0; i--) {
            chars[random.nextInt(chars.length)] = (char) random.nextInt(0x80);
        }
        return new String(chars);
    }

    private String randomText(int length) {
        String alphabet = "{}[]\":,0123456789-eE.tfnul \\abc";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private String deepNesting(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"type\":";
        return "{\"type\":\"join-room\",\"id\":1,\"room\":" + open.repeat(depth) + "1";
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }

    /** Valid messages of every type, several of each, with real offers for produce and consume. */
    private static List<JsonObject> samples() {
        List<JsonObject> samples = new ArrayList<>();
        for (String valid : CodecSamples.VALID) {
            samples.add(parse(valid));
        }
        for (String role : List.of("broadcaster", "viewer", "viewer")) {
            for (String room : List.of("a", "b", "c")) {
                samples.add(parse("{\"type\":\"join-room\",\"id\":1,\"room\":\"" + room + "\",\"role\":\"" + role + "\"}"));
            }
        }
        samples.add(JSON.createObjectBuilder().add("type", "produce").add("id", 1)
                .add("sdp", sdp("chromium-broadcaster-offer.sdp")).build());
        samples.add(JSON.createObjectBuilder().add("type", "consume").add("id", 1)
                .add("sdp", sdp("chromium-viewer-offer.sdp")).build());
        samples.add(parse("{\"type\":\"connect-transport\",\"id\":1,\"transportId\":\"t1\",\"candidate\":"
                + "{\"candidate\":\"candidate:1 1 udp 1 some.host.example 5000 typ host\"}}"));
        samples.add(parse("{\"type\":\"connect-transport\",\"id\":1,\"transportId\":\"t1\",\"candidate\":{\"candidate\":\"\"}}"));
        return samples;
    }

    private static JsonObject parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String sdp(String name) {
        try (InputStream in = SignalingFuzzTest.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                fail("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
