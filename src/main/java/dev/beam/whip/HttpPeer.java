package dev.beam.whip;

import dev.beam.room.Peer;
import dev.beam.room.PeerListener;
import dev.beam.stream.MediaClient;
import dev.beam.stream.ViewerDelivery;
import java.util.List;
import java.util.function.Consumer;

/**
 * A WHIP or WHEP session: a peer in a room whose only signaling is HTTP requests on its resource.
 * It has no channel for room events: what would end its media (its broadcast's end, for a
 * viewer; its media closing on the server's account, for either) ends the session instead,
 * through {@code ended}, which must not run inside the room's lock.
 */
final class HttpPeer implements PeerListener, MediaClient {
    private final String id;
    private final String address;
    private volatile String etag;
    private final Consumer<HttpPeer> ended;
    private volatile Peer peer;
    private volatile String transportId;
    private volatile String remoteUfrag;
    private volatile String remotePwd;

    HttpPeer(String id, String address, String etag, Consumer<HttpPeer> ended) {
        this.id = id;
        this.address = address;
        this.etag = etag;
        this.ended = ended;
    }

    String id() {
        return id;
    }

    /** The entity tag of its ICE session (RFC 9725 section 4.3.1); an ICE restart starts another. */
    String etag() {
        return etag;
    }

    Peer peer() {
        return peer;
    }

    String transportId() {
        return transportId;
    }

    String remoteUfrag() {
        return remoteUfrag;
    }

    String remotePwd() {
        return remotePwd;
    }

    void joined(Peer peer) {
        this.peer = peer;
    }

    /** Its media session opened, for an offer with these ICE credentials. */
    void started(String transportId, String remoteUfrag, String remotePwd) {
        this.transportId = transportId;
        this.remoteUfrag = remoteUfrag;
        this.remotePwd = remotePwd;
    }

    /** An ICE restart with these credentials began its ICE session {@code etag}. */
    void restarted(String remoteUfrag, String remotePwd, String etag) {
        this.remoteUfrag = remoteUfrag;
        this.remotePwd = remotePwd;
        this.etag = etag;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void transportClosed(String transportId, String reason) {
        ended.accept(this);
    }

    /** A WHEP player has no channel for it: it gets Auto and sees its layer in its own stats. */
    @Override
    public void layerChanged(String viewingId, ViewerDelivery delivery) {
    }

    /** A WHIP publisher has no channel for it: the layers nobody needs are only not forwarded. */
    @Override
    public void sendLayers(String broadcastId, List<String> active, List<String> paused) {
    }

    @Override
    public void streamEnded(String room) {
        ended.accept(this);
    }

    @Override
    public void viewerCount(String room, int viewers) {
    }

    @Override
    public void streamStarted(String room) {
    }

    @Override
    public void userJoined(String room, String peerId) {
    }

    @Override
    public void userLeft(String room, String peerId) {
    }
}
