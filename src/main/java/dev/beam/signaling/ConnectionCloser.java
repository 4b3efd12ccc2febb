package dev.beam.signaling;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes connections on a thread of its own, after whatever room event decided it: the close
 * handler leaves the room, and must not run inside the room's own event loop.
 */
@ApplicationScoped
public class ConnectionCloser {
    private static final Logger LOG = Logger.getLogger(ConnectionCloser.class.getName());

    @Resource(lookup = "concurrent/beamScheduler")
    ManagedScheduledExecutorService scheduler;

    void closeLater(Session session, CloseReason reason) {
        try {
            scheduler.execute(() -> close(session, reason));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "[session " + session.getId() + "] close not scheduled", e);
        }
    }

    static void close(Session session, CloseReason reason) {
        LOG.fine(() -> "[session " + session.getId() + "] closing: " + reason.getReasonPhrase());
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "[session " + session.getId() + "] close failed", e);
        }
    }
}
