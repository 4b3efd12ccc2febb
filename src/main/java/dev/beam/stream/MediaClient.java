package dev.beam.stream;

/** The signaling connection a media session belongs to, as {@link Broadcasts} needs it. */
public interface MediaClient {
    /** The address the connection came from at its WebSocket handshake: what session limits count by. */
    String address();

    /**
     * The server closed one of this client's media sessions on its own (consent expired, its media
     * failed, ...), not because the client asked or its broadcast ended. Called on a media thread.
     */
    void transportClosed(String transportId, String reason);
}
