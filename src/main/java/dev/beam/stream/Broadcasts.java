package dev.beam.stream;

import dev.beam.config.SessionLimitSettings;
import dev.beam.media.BroadcasterSession;
import dev.beam.media.MediaEngine;
import dev.beam.media.ViewerSession;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.send.Quality;
import dev.beam.media.send.ViewerLayer;
import dev.beam.media.send.ViewerReport;
import dev.beam.media.send.ViewerTrack;
import dev.beam.media.transport.CandidateLine;
import dev.beam.media.transport.PeerTransport;
import dev.beam.room.Peer;
import dev.beam.room.Room;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.sdp.AnswerBuilder;
import dev.beam.sdp.HeaderExtension;
import dev.beam.sdp.NegotiatedMedia;
import dev.beam.sdp.Negotiator;
import dev.beam.sdp.Offer;
import dev.beam.sdp.OutgoingStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Turns offers into media sessions and answers: a room's broadcaster broadcasts, its viewers
 * view. Whether a room is live is its {@link dev.beam.room.Room}'s to say; this service keeps
 * the media of each broadcast and viewing, per peer, with no lock of its own. Sessions end when
 * their peer asks, leaves, or its media goes away; a broadcast's end ends its viewings, and the
 * room tells the viewers.
 */
@ApplicationScoped
public class Broadcasts {
    private static final Logger LOG = Logger.getLogger(Broadcasts.class.getName());

    /**
     * What starting a broadcast or a viewing returns to the browser, and the offer's ICE
     * credentials: a later trickle names the same, an ICE restart others.
     */
    public record Answer(String id, String transportId, String sdp, String remoteUfrag, String remotePwd) {
    }

    /** A close reason told to a client is cut to this length. */
    private static final int MAX_REASON = 200;

    private final SecureRandom random = new SecureRandom();
    private final Map<Peer, Viewing> viewingByPeer = new ConcurrentHashMap<>();
    private final Set<LiveBroadcast> lives = ConcurrentHashMap.newKeySet();

    private MediaService media;
    private RoomRegistry rooms;
    private StreamLimits limits;
    private OfferReader offers;

    /** For CDI's client proxy only. */
    protected Broadcasts() {
    }

    @Inject
    public Broadcasts(MediaService media, RoomRegistry rooms, SessionLimitSettings limits) {
        this.media = media;
        this.rooms = rooms;
        this.limits = new StreamLimits(limits);
        this.offers = new OfferReader(this.limits);
    }

    /** Where refusals by a limit are counted: the label of the limit ({@code sdp}, {@code sessions}, ...). */
    public void onLimitRefused(Consumer<String> refusals) {
        limits.onRefused(refusals);
    }

    /** The broadcaster's offer: its media session opens and the room goes live. */
    public Answer startBroadcasting(Peer broadcaster, MediaClient client, String sdp)
            throws StreamException, RoomException {
        String room = broadcaster.room().name();
        if (broadcaster.room().broadcast().isPresent()) {
            throw new StreamException(StreamException.ALREADY_PRODUCING, "this broadcast is already live; close it first");
        }
        Offer offer = offers.read(sdp);
        List<NegotiatedMedia> negotiated = OfferReader.negotiate(() -> Negotiator.forBroadcaster(offer));
        List<SourceTrack> tracks = negotiated.stream().map(MediaTerms::sourceTrack).toList();
        int transportCc = negotiated.stream().mapToInt(m -> m.extensionId(HeaderExtension.TRANSPORT_CC))
                .filter(id -> id > 0).findFirst().orElse(0);
        LiveBroadcast[] created = new LiveBroadcast[1];
        MediaEngine engine = engine();
        SessionQuota.Admission admission = limits.admit(client.address());
        BroadcasterSession session = StreamLimits.open(admission, () -> engine.openBroadcaster(broadcaster.id(), room,
                MediaTerms.remote(offer), tracks, transportCc, media.settings().maxBroadcastBitrate(), reason -> {
                    admission.release();
                    ended(created[0], reason);
                }));
        LiveBroadcast live = new LiveBroadcast(broadcaster, client, newId("p"), newId("t"), session, negotiated);
        created[0] = live;
        lives.add(live);
        String answer = AnswerBuilder.forBroadcaster(offer, negotiated, MediaTerms.local(engine.local(session)),
                media.settings().maxBroadcastBitrate());
        live.negotiated(new Negotiation(answer, offer.fingerprint().value()));
        try {
            rooms.startBroadcast(live);
        } catch (RoomException e) {
            live.stop();
            lives.remove(live);
            throw e;
        }
        if (live.isEnded()) {
            lives.remove(live);
            rooms.endBroadcast(live); // its media closed before the room went live
        }
        LOG.info(() -> "[room " + room + "] broadcaster " + broadcaster.id() + " publishing " + MediaTerms.describe(negotiated));
        return new Answer(live.id(), live.transportId(), answer, offer.iceUfrag(), offer.icePwd());
    }

    /** Ends the peer's broadcast, if it has one live. */
    public void stopBroadcasting(Peer broadcaster) {
        live(broadcaster).filter(live -> live.broadcaster() == broadcaster).ifPresent(LiveBroadcast::stop);
    }

    /** A viewer's offer: it gets a media session fed by the room's live broadcast. */
    public Answer startViewing(Peer viewer, MediaClient client, String sdp) throws StreamException {
        LiveBroadcast live = live(viewer).orElseThrow(() -> new StreamException(StreamException.NOT_LIVE,
                "nothing is live in room '" + viewer.room().name() + "'"));
        Offer offer = offers.read(sdp);
        List<NegotiatedMedia> negotiated = OfferReader.negotiate(() -> Negotiator.forViewer(offer, live.media()));
        MediaEngine engine = engine();
        closeViewing(viewer);
        SessionQuota.Admission admission = limits.admit(client.address());
        List<ViewerTrack> tracks = new ArrayList<>();
        Map<String, OutgoingStream> streams = new LinkedHashMap<>();
        String streamId = "beam-" + viewer.room().name();
        for (NegotiatedMedia m : negotiated) {
            long ssrc = newSsrc();
            long rtxSsrc = m.hasRtx() ? newSsrc() : 0;
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
                    viewingEnded(created[0], reason);
                }));
        String answer = AnswerBuilder.forViewer(offer, negotiated, MediaTerms.local(engine.local(session)), streams);
        Viewing viewing = new Viewing(viewer, client, newId("c"), newId("t"), session, live,
                new Negotiation(answer, offer.fingerprint().value()));
        created[0] = viewing;
        viewingByPeer.put(viewer, viewing);
        live.viewings().add(viewing);
        if (live.isEnded() && viewingByPeer.remove(viewer, viewing)) {
            session.close(); // the broadcast ended while this viewing opened: the viewer hears stream-ended
        }
        return new Answer(viewing.id(), viewing.transportId(), answer, offer.iceUfrag(), offer.icePwd());
    }

    /** Starts the flow of media to the viewer. */
    public void resumeViewing(Peer viewer, String viewingId) throws StreamException {
        Viewing viewing = viewingByPeer.get(viewer);
        if (viewing == null || !viewing.id().equals(viewingId)) {
            throw new StreamException(StreamException.UNKNOWN_CONSUMER, "no consumer '" + viewingId
                    + "' on this connection");
        }
        viewing.session().resume();
    }

    /**
     * The simulcast layer the viewer asks for; false when the broadcast has no simulcast, whose one
     * stream it keeps getting (under {@link Quality#LOW} without its temporal layers above the base).
     */
    public boolean setQuality(Peer viewer, String viewingId, Quality quality) throws StreamException {
        Viewing viewing = viewingByPeer.get(viewer);
        if (viewing == null || !viewing.id().equals(viewingId)) {
            throw new StreamException(StreamException.UNKNOWN_CONSUMER, "no consumer '" + viewingId
                    + "' on this connection");
        }
        viewing.session().setQuality(quality);
        ViewerLayer layer = viewing.session().layer();
        return layer != null && layer.isSimulcast();
    }

    /**
     * A candidate the browser trickled for one of its transports; {@code invalid-message} if the server
     * cannot use it. Nothing is looked up: a name is refused, an mDNS name ignored (see {@link CandidateLine}).
     */
    public void addCandidate(Peer peer, String transportId, String candidate) throws StreamException {
        try {
            Viewing viewing = viewingByPeer.get(peer);
            if (viewing != null && viewing.transportId().equals(transportId)) {
                if (!candidate.isEmpty()) {
                    viewing.session().addRemoteCandidate(candidate);
                }
                return;
            }
            LiveBroadcast live = live(peer).orElse(null);
            if (live != null && live.broadcaster() == peer && live.transportId().equals(transportId)) {
                if (!candidate.isEmpty()) {
                    live.session().addRemoteCandidate(candidate);
                }
                return;
            }
        } catch (CandidateLine.RefusedException e) {
            throw new StreamException(StreamException.INVALID_MESSAGE, e.getMessage());
        }
        throw new StreamException(StreamException.UNKNOWN_TRANSPORT, "no transport '" + transportId
                + "' on this connection");
    }

    /**
     * An ICE restart (RFC 8445 §9) of one of the peer's transports, with the browser's new offer:
     * the session gets a new ICE agent for the offer's new credentials and keeps its DTLS and
     * SRTP, so the offer must keep its fingerprint. Returns the answer: the session's, with the
     * server's new credentials.
     */
    public String restartIce(Peer peer, String transportId, String sdp) throws StreamException {
        Offer offer = offers.read(sdp);
        IceRestart restart = iceRestart(peer, transportId);
        restart.checkFingerprint(offer);
        return restart.answer(offer.iceUfrag(), offer.icePwd());
    }

    /** As {@link #restartIce(Peer, String, String)} with the new credentials alone, as WHIP and WHEP send them. */
    public String restartIce(Peer peer, String transportId, String remoteUfrag, String remotePwd)
            throws StreamException {
        return iceRestart(peer, transportId).answer(remoteUfrag, remotePwd);
    }

    private IceRestart iceRestart(Peer peer, String transportId) throws StreamException {
        MediaEngine engine = engine();
        Viewing viewing = viewingByPeer.get(peer);
        if (viewing != null && viewing.transportId().equals(transportId)) {
            return new IceRestart(viewing.negotiation(), viewing.session()::restartIce,
                    () -> engine.local(viewing.session()));
        }
        LiveBroadcast live = live(peer).orElse(null);
        if (live != null && live.broadcaster() == peer && live.transportId().equals(transportId)
                && live.negotiation() != null) {
            return new IceRestart(live.negotiation(), live.session()::restartIce, () -> engine.local(live.session()));
        }
        throw new StreamException(StreamException.UNKNOWN_TRANSPORT, "no transport '" + transportId
                + "' on this connection");
    }

    /** The transports of the peer's media sessions that are open: its broadcast's or its viewing's. */
    public List<String> transports(Peer peer) {
        Viewing viewing = viewingByPeer.get(peer);
        if (viewing != null) {
            return List.of(viewing.transportId());
        }
        return live(peer).filter(live -> live.broadcaster() == peer && !live.isEnded())
                .map(live -> List.of(live.transportId())).orElse(List.of());
    }

    /** The peer left its room: its media sessions end. */
    public void peerLeft(Peer peer) {
        closeViewing(peer);
        stopBroadcasting(peer);
    }

    /** What each viewer of the room's broadcast last reported, its layer and its estimate. */
    public List<ViewerStatus> viewerStatuses(Room room) {
        List<ViewerStatus> statuses = new ArrayList<>();
        room.broadcast().map(LiveBroadcast.class::cast).ifPresent(live -> live.viewings()
                .forEach(viewing -> statuses.add(ViewerStatus.of(viewing))));
        return statuses;
    }

    /** How the room's broadcaster's media travels; empty when nothing is live. */
    public Optional<PeerTransport> broadcasterTransport(Room room) {
        return room.broadcast().map(LiveBroadcast.class::cast).map(live -> live.session().peerTransport());
    }

    /** Every viewer's status, for metrics. */
    public List<ViewerStatus> viewerStatuses() {
        return viewingByPeer.values().stream().map(ViewerStatus::of).toList();
    }

    /** Every viewer's latest report, for metrics. */
    public List<ViewerReport> viewerReports() {
        return viewingByPeer.values().stream().map(viewing -> viewing.session().report()).toList();
    }

    /** The broadcasts live now, with their viewings. */
    Collection<LiveBroadcast> liveBroadcasts() {
        return lives;
    }

    private Optional<LiveBroadcast> live(Peer peer) {
        return peer.room().broadcast().map(LiveBroadcast.class::cast);
    }

    private void closeViewing(Peer viewer) {
        Viewing previous = viewingByPeer.remove(viewer);
        if (previous != null) {
            previous.session().close();
        }
    }

    /** The broadcaster's media closed: the room stops being live, and every viewing of it ends. */
    private void ended(LiveBroadcast live, String reason) {
        if (live == null || !live.end()) {
            return;
        }
        lives.remove(live);
        LOG.info(() -> "[room " + live.broadcaster().room().name() + "] broadcast ended: " + reason);
        if (!live.stopRequested()) {
            live.client().transportClosed(live.transportId(), brief(reason));
        }
        rooms.endBroadcast(live);
        for (Viewing viewing : live.viewings()) {
            if (viewingByPeer.remove(viewing.viewer(), viewing)) {
                viewing.session().close();
            }
        }
    }

    private void viewingEnded(Viewing viewing, String reason) {
        if (viewing == null) {
            return;
        }
        viewing.source().viewings().remove(viewing);
        if (viewingByPeer.remove(viewing.viewer(), viewing)) {
            LOG.fine(() -> "[room " + viewing.viewer().room().name() + "] viewer " + viewing.viewer().id()
                    + " media ended: " + reason);
            viewing.client().transportClosed(viewing.transportId(), brief(reason));
        }
    }

    private MediaEngine engine() throws StreamException {
        return media.engine().orElseThrow(() -> new StreamException(StreamException.MEDIA_UNAVAILABLE,
                "the media plane is not running on this server; see its log"));
    }

    private static String brief(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }

    /** A random non-zero SSRC for what the server sends a viewer. */
    private long newSsrc() {
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xFFFFFFFFL;
        } while (ssrc == 0);
        return ssrc;
    }

    private String newId(String prefix) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }
}
