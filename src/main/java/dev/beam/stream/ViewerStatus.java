package dev.beam.stream;

import dev.beam.media.send.ViewerBandwidth;
import dev.beam.media.send.ViewerLayer;
import dev.beam.media.send.ViewerReport;
import dev.beam.media.transport.PeerTransport;

/**
 * What a viewer last reported about its video, its layer (null without video),
 * its bandwidth estimate (null where it negotiated no transport-cc) and how its media travels,
 * for operators and metrics.
 */
public record ViewerStatus(String peerId, ViewerReport report, ViewerLayer.State layer, ViewerBandwidth bandwidth,
        PeerTransport transport) {
    static ViewerStatus of(Viewing viewing) {
        ViewerLayer layer = viewing.session().layer();
        return new ViewerStatus(viewing.viewer().id(), viewing.session().report(), layer == null ? null : layer.state(),
                viewing.session().bandwidth(), viewing.session().peerTransport());
    }
}
