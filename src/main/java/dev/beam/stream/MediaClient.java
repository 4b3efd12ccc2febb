package dev.beam.stream;

import java.util.List;

/** The signaling connection a media session belongs to, as {@link Broadcasts} needs it. */
public interface MediaClient {
    /** The address the connection came from at its WebSocket handshake: what session limits count by. */
    String address();

    /**
     * The server closed one of this client's media sessions on its own (consent expired, its media
     * failed, ...), not because the client asked or its broadcast ended. Called on a media thread.
     */
    void transportClosed(String transportId, String reason);

    /** What the viewer's video is now (see {@link ViewerDelivery}); called on the layer-signal tick. */
    void layerChanged(String viewingId, ViewerDelivery delivery);

    /**
     * The simulcast layers (rids) the broadcast's viewers need, and those none does, which the
     * broadcaster may stop sending; called on the layer-signal tick when they change.
     */
    void sendLayers(String broadcastId, List<String> active, List<String> paused);
}
