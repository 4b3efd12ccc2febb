package dev.beam.media;

import dev.beam.media.forward.Broadcast;
import dev.beam.media.forward.Subscriber;
import dev.beam.media.forward.ViewerReport;
import dev.beam.media.forward.ViewerTrack;
import dev.beam.media.transport.WebRtcTransport;
import java.util.List;
import java.util.function.Consumer;

/** A viewer's media session: its transport fed by one {@link Broadcast}. */
public final class Subscription implements WebRtcTransport.Handler, AutoCloseable {
    private final String peerId;
    private final Broadcast broadcast;
    private final List<ViewerTrack> tracks;
    private final SessionListener listener;
    private final Consumer<WebRtcTransport> onClosed;
    private Subscriber subscriber;
    private WebRtcTransport transport;
    private LocalParameters local;

    Subscription(String peerId, Broadcast broadcast, List<ViewerTrack> tracks, SessionListener listener, Consumer<WebRtcTransport> onClosed) {
        this.peerId = peerId;
        this.broadcast = broadcast;
        this.tracks = tracks;
        this.listener = listener;
        this.onClosed = onClosed;
    }

    void attach(WebRtcTransport transport, LocalParameters local) {
        this.transport = transport;
        this.local = local;
        this.subscriber = new Subscriber(peerId, transport, tracks);
        broadcast.add(subscriber);
    }

    public LocalParameters local() {
        return local;
    }

    /** What the viewer last reported about its video. */
    public ViewerReport report() {
        return subscriber.report();
    }

    /** Starts the flow of media to the viewer. */
    public void resume() {
        subscriber.resume();
    }

    public boolean addRemoteCandidate(String candidate) {
        return transport.addRemoteCandidate(candidate);
    }

    WebRtcTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close("viewer left");
    }

    @Override
    public void onConnected() {
        subscriber.connected();
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        // A viewer sends no media.
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        subscriber.onRtcp(buf, off, len);
    }

    @Override
    public void onClosed(String reason) {
        broadcast.remove(subscriber);
        onClosed.accept(transport());
        listener.closed(reason);
    }
}
