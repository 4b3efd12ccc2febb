package dev.beam.media;

import dev.beam.media.forward.Broadcast;
import dev.beam.media.transport.WebRtcTransport;
import java.util.function.Consumer;

/** A broadcaster's media session: its transport feeding a {@link Broadcast}. */
public final class Publication implements WebRtcTransport.Handler, AutoCloseable {
    private final Broadcast broadcast;
    private final SessionListener listener;
    private final Consumer<WebRtcTransport> onClosed;
    private WebRtcTransport transport;
    private LocalParameters local;

    Publication(Broadcast broadcast, SessionListener listener, Consumer<WebRtcTransport> onClosed) {
        this.broadcast = broadcast;
        this.listener = listener;
        this.onClosed = onClosed;
    }

    void attach(WebRtcTransport transport, LocalParameters local) {
        this.transport = transport;
        this.local = local;
        broadcast.attachSource(transport);
    }

    public LocalParameters local() {
        return local;
    }

    public Broadcast broadcast() {
        return broadcast;
    }

    public boolean addRemoteCandidate(String candidate) {
        return transport.addRemoteCandidate(candidate);
    }

    WebRtcTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close("broadcast stopped");
    }

    @Override
    public void onConnected() {
        // Viewers already resumed get their keyframe once the broadcaster's video starts.
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        broadcast.onSourceRtp(buf, off, len);
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        broadcast.onSourceRtcp(buf, off, len);
    }

    @Override
    public void onClosed(String reason) {
        broadcast.close();
        onClosed.accept(transport());
        listener.closed(reason);
    }
}
