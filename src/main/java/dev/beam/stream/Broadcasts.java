package dev.beam.stream;

import dev.beam.config.SessionLimitSettings;
import dev.beam.media.BroadcasterSession;
import dev.beam.media.MediaEngine;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.send.Quality;
import dev.beam.media.send.ViewerLayer;
import dev.beam.media.send.ViewerReport;
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
import dev.beam.sdp.VideoBitrates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Turns offers into media sessions and answers: a room's broadcaster broadcasts, its viewers
 * view ({@link Viewings}). Whether a room is live is its {@link dev.beam.room.Room}'s to say; this
 * service keeps the media of each broadcast and viewing, per peer, with no lock of its own.
 * Sessions end when their peer asks, leaves, or its media goes away; a broadcast's end ends its
 * viewings, and the room tells the viewers. Trickled candidates and ICE restarts find their
 * session by its transport id ({@link SessionTransports}).
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

    private final StreamIds ids = new StreamIds();
    private final Set<LiveBroadcast> lives = ConcurrentHashMap.newKeySet();

    private MediaService media;
    private RoomRegistry rooms;
    private StreamLimits limits;
    private OfferReader offers;
    private Viewings viewings;
    private SessionTransports transports;

    /** For CDI's client proxy only. */
    protected Broadcasts() {
    }

    @Inject
    public Broadcasts(MediaService media, RoomRegistry rooms, SessionLimitSettings limits) {
        this.media = media;
        this.rooms = rooms;
        this.limits = new StreamLimits(limits);
        this.offers = new OfferReader(this.limits);
        this.viewings = new Viewings(this.limits, ids);
        this.transports = new SessionTransports(viewings);
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
        LiveBroadcast live = new LiveBroadcast(broadcaster, client, ids.newId("p"), ids.newId("t"), session, negotiated);
        created[0] = live;
        lives.add(live);
        String answer = AnswerBuilder.forBroadcaster(offer, negotiated, MediaTerms.local(engine.local(session)),
                new VideoBitrates(media.settings().broadcastStartBitrate(), media.settings().maxBroadcastBitrate()));
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
        return viewings.open(viewer, client, offer, negotiated, live, engine);
    }

    /** Starts the flow of media to the viewer. */
    public void resumeViewing(Peer viewer, String viewingId) throws StreamException {
        viewings.find(viewer, viewingId).session().resume();
    }

    /**
     * The simulcast layer the viewer asks for; false when the broadcast has no simulcast, whose one
     * stream it keeps getting (under {@link Quality#LOW} without its temporal layers above the base).
     */
    public boolean setQuality(Peer viewer, String viewingId, Quality quality) throws StreamException {
        Viewing viewing = viewings.find(viewer, viewingId);
        viewing.session().setQuality(quality);
        ViewerLayer layer = viewing.session().layer();
        return layer != null && layer.isSimulcast();
    }

    /**
     * A candidate the browser trickled for one of its transports; {@code invalid-message} if the server
     * cannot use it. Nothing is looked up: a name is refused, an mDNS name ignored (see {@link CandidateLine}).
     */
    public void addCandidate(Peer peer, String transportId, String candidate) throws StreamException {
        transports.addCandidate(peer, transportId, candidate);
    }

    /**
     * An ICE restart (RFC 8445 §9) of one of the peer's transports, with the browser's new offer:
     * the session gets a new ICE agent for the offer's new credentials and keeps its DTLS and
     * SRTP, so the offer must keep its fingerprint. Returns the answer: the session's, with the
     * server's new credentials.
     */
    public String restartIce(Peer peer, String transportId, String sdp) throws StreamException {
        Offer offer = offers.read(sdp);
        IceRestart restart = transports.iceRestart(peer, transportId, engine());
        restart.checkFingerprint(offer);
        return restart.answer(offer.iceUfrag(), offer.icePwd());
    }

    /** As {@link #restartIce(Peer, String, String)} with the new credentials alone, as WHIP and WHEP send them. */
    public String restartIce(Peer peer, String transportId, String remoteUfrag, String remotePwd)
            throws StreamException {
        return transports.iceRestart(peer, transportId, engine()).answer(remoteUfrag, remotePwd);
    }

    /** The transports of the peer's media sessions that are open: its broadcast's or its viewing's. */
    public List<String> transports(Peer peer) {
        return transports.of(peer);
    }

    /** The peer left its room: its media sessions end. */
    public void peerLeft(Peer peer) {
        viewings.close(peer);
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
        return viewings.statuses();
    }

    /** Every viewer's latest report, for metrics. */
    public List<ViewerReport> viewerReports() {
        return viewings.reports();
    }

    /** The broadcasts live now, with their viewings. */
    Collection<LiveBroadcast> liveBroadcasts() {
        return lives;
    }

    /** The peer's room's live broadcast, if there is one. */
    static Optional<LiveBroadcast> live(Peer peer) {
        return peer.room().broadcast().map(LiveBroadcast.class::cast);
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
        viewings.broadcastEnded(live);
    }

    private MediaEngine engine() throws StreamException {
        return media.engine().orElseThrow(() -> new StreamException(StreamException.MEDIA_UNAVAILABLE,
                "the media plane is not running on this server; see its log"));
    }

    /** A close reason as a client is told it: cut to {@value #MAX_REASON} characters. */
    static String brief(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }
}
