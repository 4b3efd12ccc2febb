package dev.beam.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** A signaling connection as a test drives it: send JSON, wait for messages, see the close. */
public final class SignalingClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How the server closed the connection. */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final WebSocket socket;

    private SignalingClient(HttpClient http, URI uri, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static SignalingClient connect(URI server) {
        return connect(server, null);
    }

    /** Connects as a browser on {@code origin} would. */
    public static SignalingClient connect(URI server, String origin) {
        return connect(HttpClient.newHttpClient(), server, origin);
    }

    /** As {@link #connect(URI, String)}, through {@code http} (e.g. one that trusts a test certificate). */
    public static SignalingClient connect(HttpClient http, URI server, String origin) {
        String scheme = "https".equals(server.getScheme()) ? "wss" : "ws";
        return new SignalingClient(http, URI.create(scheme + "://" + server.getAuthority() + "/ws"), origin);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a request with a fresh id and waits for the reply carrying that id. */
    public JsonObject request(String type, String fieldsJson) throws InterruptedException {
        long id = ids.incrementAndGet();
        String fields = fieldsJson.isBlank() ? "" : "," + fieldsJson;
        send("{\"type\":\"" + type + "\",\"id\":" + id + fields + "}");
        return next(m -> m.containsKey("id") && m.getJsonNumber("id").longValue() == id);
    }

    public JsonObject next(String type) throws InterruptedException {
        return next(m -> type.equals(m.getString("type")));
    }

    /** The next message matching, skipping others; fails after {@link #TIMEOUT}. */
    public JsonObject next(Predicate<JsonObject> matching) throws InterruptedException {
        return next(matching, TIMEOUT);
    }

    public JsonObject next(Predicate<JsonObject> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no matching message within " + timeout);
            }
            if (matching.test(message)) {
                return message;
            }
        }
    }

    public Closed awaitClose() throws Exception {
        return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    /** Drops the connection as a network would: no close frame, the server sees 1006. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try (var reader = Json.createReader(new StringReader(text.toString()))) {
                    inbox.add(reader.readObject());
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
