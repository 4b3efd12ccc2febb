package dev.beam.sdp;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the a=rid (RFC 8851) and a=simulcast (RFC 8853) lines of one m= section. */
final class SimulcastSectionParser {
    private SimulcastSectionParser() {
    }

    /**
     * The simulcast streams the offerer sends, in a=simulcast order: for each, its first alternative (the
     * preferred one, RFC 8853 §5.1) with its paused flag, a rid named again dropped, as browsers drop it. Empty
     * without a=simulcast; a=rid lines the a=simulcast does not name are checked but play no part. Every rid of a stream list must have an a=rid line of the same
     * direction in the section (RFC 8853 §5.1); a=simulcast without any a=rid is refused.
     */
    static List<SimulcastLayer> sendLayers(List<String> lines, String label) throws SdpException {
        Map<String, Rid> rids = new HashMap<>();
        for (String value : SdpText.attributes(lines, "rid")) {
            Rid rid = Rid.parse(value, label);
            if (rids.putIfAbsent(rid.id(), rid) != null) {
                throw new SdpException("the offer's " + label + " has two a=rid lines for rid " + rid.id()
                        + ": a rid identifies one RTP stream of the m-line (RFC 8851)");
            }
        }
        List<String> values = SdpText.attributes(lines, "simulcast");
        if (values.isEmpty()) {
            return List.of();
        }
        if (values.size() > 1) {
            throw new SdpException("the offer's " + label + " has " + values.size() + " a=simulcast lines; one per"
                    + " m-line is expected (RFC 8853 §5.1)");
        }
        if (rids.isEmpty()) {
            throw new SdpException("the offer's " + label + " has a=simulcast but no a=rid lines: each simulcast"
                    + " stream needs an a=rid naming it (RFC 8853 §5.1, RFC 8851)");
        }
        Simulcast simulcast = Simulcast.parse(values.get(0), label);
        for (Simulcast.StreamList list : simulcast.lists()) {
            for (List<SimulcastLayer> alternatives : list.streams()) {
                for (SimulcastLayer layer : alternatives) {
                    Rid rid = rids.get(layer.rid());
                    if (rid == null || rid.direction() != list.direction()) {
                        throw new SdpException("the offer's " + label + " has rid " + layer.rid() + " in its"
                                + " a=simulcast " + list.direction().wire() + " list but no a=rid:" + layer.rid()
                                + " " + list.direction().wire() + " line (RFC 8853 §5.1)");
                    }
                }
            }
        }
        Map<String, SimulcastLayer> layers = new LinkedHashMap<>();
        simulcast.streams(RidDirection.SEND).forEach(alternatives -> layers.putIfAbsent(alternatives.get(0).rid(),
                alternatives.get(0)));
        return List.copyOf(layers.values());
    }
}
