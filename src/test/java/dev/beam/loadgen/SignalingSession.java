package dev.beam.loadgen;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One signaling connection to the server's /ws, as any client makes it (README, Signaling
 * protocol): JSON requests with an id, each answered by a reply with the same id or an error.
 * Asynchronous throughout, so hundreds of them need no thread each.
 */
final class SignalingSession implements AutoCloseable {
    /** Looked up once: Json.createReader would search the class path for a provider on every message. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** An error reply: its code and message. */
    static final class SignalingError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        SignalingError(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }
    }

    private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final Duration timeout;
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null); // guarded by this

    private SignalingSession(Duration timeout) {
        this.timeout = timeout;
    }

    /** Opens a session to {@code server}'s /ws (http → ws, https → wss). */
    static CompletableFuture<SignalingSession> open(HttpClient http, URI server, Duration timeout) {
        String scheme = "https".equals(server.getScheme()) ? "wss" : "ws";
        URI ws = URI.create(scheme + "://" + server.getRawAuthority() + "/ws");
        SignalingSession session = new SignalingSession(timeout);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(ws, session.new Listener())
                .thenApply(socket -> {
                    session.socket = socket;
                    return session;
                });
    }

    /**
     * Sends {@code type} with these string fields and a fresh id; completes with the reply, or
     * exceptionally with a {@link SignalingError}, or on timeout or close.
     */
    CompletableFuture<JsonObject> request(String type, Map<String, String> fields) {
        long id = ids.incrementAndGet();
        JsonObjectBuilder message = JSON.createObjectBuilder().add("type", type).add("id", id);
        fields.forEach(message::add);
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        send(message.build().toString());
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(id));
    }

    /** Completes with the close reason when the server or the network closes the session. */
    CompletableFuture<String> closed() {
        return closed;
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null) {
            synchronized (this) {
                sending = sending.handle((r, e) -> null)
                        .thenCompose(x -> s.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
            }
            sending.orTimeout(2, TimeUnit.SECONDS).handle((r, e) -> null).join();
            s.abort();
        }
        closed.complete("closed by the load generator");
    }

    /** WebSocket sends must not overlap: each waits for the one before. */
    private synchronized void send(String text) {
        WebSocket s = socket;
        sending = sending.handle((r, e) -> null).thenCompose(x -> s.sendText(text, true));
    }

    private void received(String text) {
        if (!text.contains("\"id\"")) {
            return; // an event (viewer-count, stream-started, ...): nothing the load needs
        }
        JsonObject message;
        try (var reader = JSON.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return;
        }
        if (!message.containsKey("id") || message.get("id").getValueType() != JsonValue.ValueType.NUMBER) {
            return;
        }
        CompletableFuture<JsonObject> reply = pending.get(message.getJsonNumber("id").longValue());
        if (reply == null) {
            return;
        }
        if ("error".equals(message.getString("type", ""))) {
            reply.completeExceptionally(new SignalingError(message.getString("code", "?"), message.getString("message", "")));
        } else {
            reply.complete(message);
        }
    }

    private void failAll(String reason) {
        closed.complete(reason);
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("signaling closed: " + reason)));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                received(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(String.valueOf(error));
        }
    }
}
