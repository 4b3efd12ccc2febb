package dev.beam.signaling;

import dev.beam.room.RoomException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** A signaling connection as the endpoint drives it, in memory: decode, handle, reply or error. */
final class TestConnection implements FrameSink {
    final List<JsonObject> received = new ArrayList<>();
    private final SignalingService service;
    PeerSession session;
    boolean closed;
    boolean takenOver;

    TestConnection(SignalingService service) {
        this.service = service;
        this.session = service.open("127.0.0.1", this);
    }

    void request(String json) {
        try {
            SignalingService.Handled handled = service.handle(session, this, MessageCodecTest.CODEC.decode(json));
            session = handled.session();
            session.reply(handled.reply());
        } catch (SignalingException e) {
            session.reply(new ServerMessage.Error(e.requestId(), e.code(), e.getMessage()));
        } catch (RoomException e) {
            session.reply(new ServerMessage.Error(null, e.code(), e.getMessage()));
        }
    }

    /** The types received since last asked. */
    List<String> types() {
        List<String> types = received.stream().map(m -> m.getString("type")).toList();
        received.clear();
        return types;
    }

    JsonObject last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void send(String frame) {
        try (var reader = Json.createReader(new StringReader(frame))) {
            received.add(reader.readObject());
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void takenOver() {
        takenOver = true;
    }
}
