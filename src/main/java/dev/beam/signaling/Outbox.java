package dev.beam.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection's outgoing frames, sent one at a time without blocking the caller. Room events are
 * produced under room locks, so a slow browser must never hold up a sender: one that lets
 * {@value #MAX_QUEUED} frames or {@value #MAX_QUEUED_CHARS} characters pile up is disconnected
 * instead. That close is handed to {@code closer}, which runs it later on another thread: closing
 * here, inside the room event that overflowed the queue, would re-enter the room (the close
 * handler leaves it) while the room is still telling its members.
 */
final class Outbox implements FrameSink {
    static final int MAX_QUEUED = 256;
    /** About 1 MiB of JSON text, nearly all ASCII. */
    static final int MAX_QUEUED_CHARS = 1 << 20;
    static final CloseReason TOO_SLOW = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
            "client too slow to read its messages");
    /** A write failed or timed out: nothing more can reach this browser, so it leaves its room too. */
    static final CloseReason SEND_FAILED = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
            "a message could not be sent in time");
    /** The page must not resume: another connection has its session (a private-use code, RFC 6455 7.4.2). */
    static final CloseReason TAKEN_OVER = new CloseReason(CloseReason.CloseCodes.getCloseCode(4001),
            "session resumed by another connection");
    static final long SEND_TIMEOUT_MILLIS = 5_000;
    /** Queued like a frame, so that a ping never cuts into a text frame being sent. */
    private static final String PING = new String("ping");
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Session session;
    private final Consumer<CloseReason> closer;
    private final Queue<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean closed;

    /** @param closer closes the session later, never on the calling thread */
    Outbox(Session session, Consumer<CloseReason> closer) {
        this.session = session;
        this.closer = closer;
    }

    @Override
    public synchronized void send(String frame) {
        if (closed) {
            return;
        }
        if (queue.size() >= MAX_QUEUED || queuedChars + frame.length() > MAX_QUEUED_CHARS) {
            drop();
            closer.accept(TOO_SLOW);
            return;
        }
        queue.add(frame);
        queuedChars += frame.length();
        if (!sending) {
            sendNext();
        }
    }

    synchronized void ping() {
        send(PING);
    }

    @Override
    public synchronized void close() {
        drop();
    }

    @Override
    public synchronized void takenOver() {
        drop();
        closer.accept(TAKEN_OVER);
    }

    private void failed() {
        if (!closed) {
            drop();
            closer.accept(SEND_FAILED);
        }
    }

    private void drop() {
        closed = true;
        queue.clear();
        queuedChars = 0;
    }

    private void sendNext() {
        String frame = queue.poll();
        sending = frame != null;
        if (frame == null) {
            return;
        }
        queuedChars -= frame.length();
        try {
            if (frame == PING) {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                sendNext();
                return;
            }
            session.getAsyncRemote().sendText(frame, result -> {
                synchronized (this) {
                    if (!result.isOK()) {
                        LOG.log(Level.FINE, "send failed on session " + session.getId(), result.getException());
                        failed();
                    }
                    sendNext();
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "send failed on session " + session.getId(), e);
            failed();
            sending = false;
        }
    }
}
