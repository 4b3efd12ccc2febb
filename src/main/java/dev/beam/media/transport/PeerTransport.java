package dev.beam.media.transport;

/**
 * How a peer's media travels, from the candidate pair ICE selected: straight over UDP or TCP (RFC
 * 6544), or through a TURN server (the remote candidate is a relayed one); none before a pair is
 * selected.
 */
public enum PeerTransport {
    NONE("none"), UDP("udp"), TCP("tcp"), RELAY("relay");

    private final String wireName;

    PeerTransport(String wireName) {
        this.wireName = wireName;
    }

    /** As in {@code /api/info} and the {@code transport} label of metrics. */
    public String wireName() {
        return wireName;
    }
}
