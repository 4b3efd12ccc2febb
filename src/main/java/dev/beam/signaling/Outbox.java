package dev.beam.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection's outgoing frames, sent one at a time without blocking the caller. Room events are
 * produced under room locks, so a slow browser must never hold up a sender: one that lets
 * {@value #MAX_QUEUED} frames pile up is disconnected instead.
 */
final class Outbox implements FrameSink {
    static final int MAX_QUEUED = 256;
    static final long SEND_TIMEOUT_MILLIS = 5_000;
    /** Queued like a frame, so that a ping never cuts into a text frame being sent. */
    private static final String PING = new String("ping");
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Session session;
    private final Queue<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    Outbox(Session session) {
        this.session = session;
    }

    @Override
    public synchronized void send(String frame) {
        if (closed) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            closed = true;
            queue.clear();
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "client too slow to read its messages"));
            return;
        }
        queue.add(frame);
        if (!sending) {
            sendNext();
        }
    }

    synchronized void ping() {
        send(PING);
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    private void sendNext() {
        String frame = queue.poll();
        sending = frame != null;
        if (frame == null) {
            return;
        }
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
                        closed = true;
                        queue.clear();
                    }
                    sendNext();
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "send failed on session " + session.getId(), e);
            closed = true;
            queue.clear();
            sending = false;
        }
    }

    private void close(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing session " + session.getId(), e);
        }
    }
}
