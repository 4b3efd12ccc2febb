package dev.beam.sdp;

/** The direction of an a=rid line (RFC 8851 §10 rid-dir) or of an a=simulcast stream list (RFC 8853 §5.1). */
public enum RidDirection {
    SEND("send"), RECV("recv");

    private final String wire;

    RidDirection(String wire) {
        this.wire = wire;
    }

    /** The keyword as written in SDP; both grammars make it case-sensitive. */
    public String wire() {
        return wire;
    }

    /** @return the direction the keyword names, or null if it names none. */
    static RidDirection fromWire(String text) {
        return switch (text) {
            case "send" -> SEND;
            case "recv" -> RECV;
            default -> null;
        };
    }
}
