package dev.beam.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The value of an a=simulcast line (RFC 8853 §5.1): a "send" and/or a "recv" stream list, in the order written.
 * A list holds simulcast streams separated by ";", and each stream its alternative formats separated by ",".
 */
public record Simulcast(List<StreamList> lists) {
    /** One direction's simulcast streams, each a non-empty list of alternatives in preference order. */
    public record StreamList(RidDirection direction, List<List<SimulcastLayer>> streams) {
        public StreamList {
            streams = streams.stream().map(List::copyOf).toList();
        }
    }

    public Simulcast {
        lists = List.copyOf(lists);
    }

    /** The streams of one direction, empty when the line has no list for it. */
    public List<List<SimulcastLayer>> streams(RidDirection direction) {
        return lists.stream().filter(l -> l.direction() == direction).findFirst().map(StreamList::streams)
                .orElse(List.of());
    }

    /** The value after "a=simulcast:", e.g. "send 1;2,3 recv 4". */
    public String attributeValue() {
        return lists.stream().map(l -> l.direction().wire() + " " + l.streams().stream()
                .map(alternatives -> alternatives.stream().map(SimulcastLayer::toString)
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"))).collect(Collectors.joining(" "));
    }

    /**
     * Reads sc-value = (sc-send [SP sc-recv]) / (sc-recv [SP sc-send]) (RFC 8853 §5.1) of the m-line
     * {@code label}, as written: a rid named twice stays twice (the RFC does not forbid it).
     */
    static Simulcast parse(String value, String label) throws SdpException {
        String[] fields = value.split(" ", -1);
        if (fields.length != 2 && fields.length != 4) {
            throw malformed(label);
        }
        List<StreamList> lists = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            RidDirection direction = RidDirection.fromWire(fields[i]);
            if (direction == null || !lists.isEmpty() && lists.get(0).direction() == direction) {
                throw malformed(label);
            }
            lists.add(new StreamList(direction, streams(fields[i + 1], label)));
        }
        return new Simulcast(lists);
    }

    /** sc-str-list = sc-alt-list *(";" sc-alt-list); sc-alt-list = sc-id *("," sc-id); sc-id = ["~"] rid-id. */
    private static List<List<SimulcastLayer>> streams(String list, String label) throws SdpException {
        List<List<SimulcastLayer>> streams = new ArrayList<>();
        for (String stream : list.split(";", -1)) {
            List<SimulcastLayer> alternatives = new ArrayList<>();
            for (String id : stream.split(",", -1)) {
                boolean paused = id.startsWith("~");
                alternatives.add(new SimulcastLayer(Rid.checkId(paused ? id.substring(1) : id, label), paused));
            }
            streams.add(alternatives);
        }
        return streams;
    }

    private static SdpException malformed(String label) {
        return new SdpException("the offer's " + label + " has a malformed a=simulcast (expected e.g."
                + " \"send l;m;h\": send and/or recv, each with streams separated by \";\", RFC 8853 §5.1)");
    }
}
