package dev.beam.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A browser that never reads: its outbox fills, and the close is handed on, never done inline. */
class OutboxTest {
    private final List<String> sent = new ArrayList<>();
    private final List<SendHandler> pending = new ArrayList<>();
    private final List<String> closedInline = new ArrayList<>();
    private final List<CloseReason> handedOn = new ArrayList<>();
    private final Session session = session();
    private final Outbox outbox = new Outbox(session, handedOn::add);

    @Test
    void tooManyQueuedFramesHandTheCloseOn() {
        for (int i = 0; i <= Outbox.MAX_QUEUED + 10; i++) {
            outbox.send("{\"n\":" + i + "}");
        }

        assertEquals(List.of(Outbox.TOO_SLOW), handedOn, "handed on once");
        assertEquals(List.of(), closedInline, "never closed on the sender's thread");
        assertEquals(1, sent.size(), "one frame in flight, the browser took none");
    }

    @Test
    void tooManyQueuedCharactersHandTheCloseOnEvenWithFewFrames() {
        String big = "x".repeat(Outbox.MAX_QUEUED_CHARS / 3);
        for (int i = 0; i < 5; i++) {
            outbox.send(big);
        }

        assertEquals(List.of(Outbox.TOO_SLOW), handedOn);
        assertTrue(sent.size() < 5);
    }

    @Test
    void aReadingBrowserIsNeverCut() {
        for (int i = 0; i < Outbox.MAX_QUEUED * 4; i++) {
            outbox.send("x".repeat(10_000));
            completeAll();
        }

        assertEquals(List.of(), handedOn);
        assertEquals(Outbox.MAX_QUEUED * 4, sent.size());
    }

    @Test
    void afterTheCutLaterFramesAreDropped() {
        for (int i = 0; i <= Outbox.MAX_QUEUED + 1; i++) {
            outbox.send("f");
        }
        int before = sent.size();
        completeAll();
        outbox.send("late");

        assertEquals(1, handedOn.size());
        assertEquals(before, sent.size(), "nothing more goes out");
    }

    @Test
    void aFailedWriteHandsTheCloseOnSoTheBrowserLeavesItsRoom() {
        outbox.send("a");
        outbox.send("b");
        pending.remove(0).onResult(new SendResult(new java.io.IOException("write timed out")));

        assertEquals(List.of(Outbox.SEND_FAILED), handedOn);
        assertEquals(List.of(), closedInline);
        outbox.send("c");
        assertEquals(List.of("a"), sent, "nothing after the failure");
    }

    private void completeAll() {
        while (!pending.isEmpty()) {
            pending.remove(0).onResult(new SendResult());
        }
    }

    private Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        sent.add((String) args[0]);
                        pending.add((SendHandler) args[1]);
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getId" -> "s1";
                    case "close" -> {
                        closedInline.add("close");
                        yield null;
                    }
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
