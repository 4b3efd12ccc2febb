package dev.beam.sdp;

/** One simulcast format of an a=simulcast stream list (RFC 8853 §5.1 sc-id): a rid, paused when "~" precedes it. */
public record SimulcastLayer(String rid, boolean paused) {
    /** As written in a=simulcast: "~h" when paused, else "h". */
    @Override
    public String toString() {
        return (paused ? "~" : "") + rid;
    }
}
