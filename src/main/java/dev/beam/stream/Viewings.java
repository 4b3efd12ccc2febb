package dev.beam.stream;

import dev.beam.media.MediaEngine;
import dev.beam.media.ViewerSession;
import dev.beam.media.send.ViewerReport;
import dev.beam.media.send.ViewerTrack;
import dev.beam.room.Peer;
import dev.beam.sdp.AnswerBuilder;
import dev.beam.sdp.HeaderExtension;
import dev.beam.sdp.NegotiatedMedia;
import dev.beam.sdp.Offer;
import dev.beam.sdp.OutgoingStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The viewers' media sessions, one per viewer at most, each fed by its room's live broadcast
 * ({@link Broadcasts} keeps the broadcasts). A concurrent map and no lock of its own: a viewing
 * ends when its viewer asks, leaves, starts another, its media goes away or its broadcast ends.
 */
final class Viewings {
    private static final Logger LOG = Logger.getLogger(Viewings.class.getName());

    private final Map<Peer, Viewing> viewingByPeer = new ConcurrentHashMap<>();
    private final StreamLimits limits;
    private final StreamIds ids;

    Viewings(StreamLimits limits, StreamIds ids) {
        this.limits = limits;
        this.ids = ids;
    }

    /**
     * Opens the viewer's media session on {@code live}, with what was negotiated from its offer,
     * in place of the viewing it had; returns the answer.
     */
    Broadcasts.Answer open(Peer viewer, MediaClient client, Offer offer, List<NegotiatedMedia> negotiated,
            LiveBroadcast live, MediaEngine engine) throws StreamException {
        close(viewer);
        SessionQuota.Admission admission = limits.admit(client.address());
        List<ViewerTrack> tracks = new ArrayList<>();
        Map<String, OutgoingStream> streams = new LinkedHashMap<>();
        String streamId = "beam-" + viewer.room().name();
        for (NegotiatedMedia m : negotiated) {
            long ssrc = ids.newSsrc();
            long rtxSsrc = m.hasRtx() ? ids.newSsrc() : 0;
            tracks.add(new ViewerTrack(MediaTerms.kind(m.kind()), live.sourceMid(m.kind()), m.codec().payloadType(),
                    m.codec().clockRate(), ssrc, m.extensionId(HeaderExtension.MID), m.mid(), m.rtxPayloadType(),
                    rtxSsrc, m.extensionId(HeaderExtension.TRANSPORT_CC),
                    m.extensionId(HeaderExtension.DEPENDENCY_DESCRIPTOR)));
            streams.put(m.mid(), new OutgoingStream(ssrc, "beam", streamId,
                    m.kind().wireName() + "-" + streamId, rtxSsrc));
        }
        Viewing[] created = new Viewing[1];
        ViewerSession session = StreamLimits.open(admission, () -> engine.openViewer(viewer.id(), live.session(),
                MediaTerms.remote(offer),
                tracks, reason -> {
                    admission.release();
                    ended(created[0], reason);
                }));
        String answer = AnswerBuilder.forViewer(offer, negotiated, MediaTerms.local(engine.local(session)), streams);
        Viewing viewing = new Viewing(viewer, client, ids.newId("c"), ids.newId("t"), session, live,
                new Negotiation(answer, offer.fingerprint().value()));
        created[0] = viewing;
        viewingByPeer.put(viewer, viewing);
        live.viewings().add(viewing);
        if (live.isEnded() && viewingByPeer.remove(viewer, viewing)) {
            session.close(); // the broadcast ended while this viewing opened: the viewer hears stream-ended
        }
        return new Broadcasts.Answer(viewing.id(), viewing.transportId(), answer, offer.iceUfrag(), offer.icePwd());
    }

    /** The viewer's viewing if its id is {@code viewingId}; else {@code unknown-consumer}. */
    Viewing find(Peer viewer, String viewingId) throws StreamException {
        Viewing viewing = viewingByPeer.get(viewer);
        if (viewing == null || !viewing.id().equals(viewingId)) {
            throw new StreamException(StreamException.UNKNOWN_CONSUMER, "no consumer '" + viewingId
                    + "' on this connection");
        }
        return viewing;
    }

    /** The peer's viewing, or null. */
    Viewing of(Peer peer) {
        return viewingByPeer.get(peer);
    }

    /** Ends the viewer's viewing, if it has one. */
    void close(Peer viewer) {
        Viewing previous = viewingByPeer.remove(viewer);
        if (previous != null) {
            previous.session().close();
        }
    }

    /** The broadcast ended: every viewing of it ends. */
    void broadcastEnded(LiveBroadcast live) {
        for (Viewing viewing : live.viewings()) {
            if (viewingByPeer.remove(viewing.viewer(), viewing)) {
                viewing.session().close();
            }
        }
    }

    /** Every viewer's status, for metrics. */
    List<ViewerStatus> statuses() {
        return viewingByPeer.values().stream().map(ViewerStatus::of).toList();
    }

    /** Every viewer's latest report, for metrics. */
    List<ViewerReport> reports() {
        return viewingByPeer.values().stream().map(viewing -> viewing.session().report()).toList();
    }

    /** The viewer's media closed: its client is told, unless the viewing had already ended. */
    private void ended(Viewing viewing, String reason) {
        if (viewing == null) {
            return;
        }
        viewing.source().viewings().remove(viewing);
        if (viewingByPeer.remove(viewing.viewer(), viewing)) {
            LOG.fine(() -> "[room " + viewing.viewer().room().name() + "] viewer " + viewing.viewer().id()
                    + " media ended: " + reason);
            viewing.client().transportClosed(viewing.transportId(), Broadcasts.brief(reason));
        }
    }
}
