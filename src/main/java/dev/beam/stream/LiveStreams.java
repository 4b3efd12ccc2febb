package dev.beam.stream;

import dev.beam.media.MediaEngine;
import dev.beam.media.MediaStats;
import dev.beam.media.Publication;
import dev.beam.media.RemotePeer;
import dev.beam.media.Subscription;
import dev.beam.media.forward.SourceTrack;
import dev.beam.media.forward.ViewerReport;
import dev.beam.media.forward.ViewerTrack;
import dev.beam.room.Peer;
import dev.beam.room.RoomException;
import dev.beam.room.RoomRegistry;
import dev.beam.sdp.AnswerBuilder;
import dev.beam.sdp.Fingerprint;
import dev.beam.sdp.HeaderExtension;
import dev.beam.sdp.LocalTransport;
import dev.beam.sdp.MediaKind;
import dev.beam.sdp.NegotiatedMedia;
import dev.beam.sdp.Negotiator;
import dev.beam.sdp.Offer;
import dev.beam.sdp.OfferParser;
import dev.beam.sdp.OutgoingStream;
import dev.beam.sdp.SdpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Turns offers into media sessions and answers: a room's broadcaster publishes, its viewers
 * subscribe. Sessions end when their peer asks, leaves, or goes quiet; a broadcast's end ends
 * its viewers' sessions, and the room tells the viewers.
 */
@ApplicationScoped
public class LiveStreams {
    private static final Logger LOG = Logger.getLogger(LiveStreams.class.getName());

    /** What a produce or consume returns to the browser. */
    public record Answer(String id, String transportId, String sdp) {
    }

    private record Live(Peer broadcaster, String producerId, String transportId, Publication publication,
            List<NegotiatedMedia> media) {
    }

    private record Viewing(Peer viewer, String consumerId, String transportId, Subscription subscription, Live source) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Live> liveByRoom = new HashMap<>();
    private final Map<Peer, Viewing> viewingByPeer = new HashMap<>();

    private MediaService media;
    private RoomRegistry rooms;

    /** For CDI's client proxy only. */
    protected LiveStreams() {
    }

    @Inject
    public LiveStreams(MediaService media, RoomRegistry rooms) {
        this.media = media;
        this.rooms = rooms;
    }

    public synchronized Answer produce(Peer broadcaster, String sdp) throws StreamException, RoomException {
        String room = broadcaster.room().name();
        if (liveByRoom.containsKey(room)) {
            throw new StreamException(StreamException.ALREADY_PRODUCING, "this broadcast is already live; close it first");
        }
        Offer offer = parse(sdp);
        List<NegotiatedMedia> negotiated = negotiate(() -> Negotiator.forBroadcaster(offer));
        List<SourceTrack> tracks = negotiated.stream()
                .map(m -> new SourceTrack(kind(m.kind()), m.codec().payloadType()))
                .toList();
        Live[] created = new Live[1];
        int transportCc = negotiated.stream().mapToInt(m -> m.extensionId(HeaderExtension.TRANSPORT_CC))
                .filter(id -> id > 0).findFirst().orElse(0);
        Publication publication = open(() -> engine().publish(broadcaster.id(), room, remote(offer), tracks,
                firOnly(negotiated), transportCc, media.settings().maxBroadcastBitrate(),
                reason -> broadcastEnded(created[0], reason)));
        Live live = new Live(broadcaster, newId("p"), newId("t"), publication, negotiated);
        created[0] = live;
        String answer = AnswerBuilder.forBroadcaster(offer, negotiated, local(publication.local()),
                media.settings().maxBroadcastBitrate());
        liveByRoom.put(room, live);
        rooms.startBroadcast(broadcaster);
        LOG.info(() -> "[room " + room + "] broadcaster " + broadcaster.id() + " publishing " + describe(negotiated));
        return new Answer(live.producerId(), live.transportId(), answer);
    }

    public synchronized void closeProducer(Peer broadcaster) {
        Live live = liveByRoom.get(broadcaster.room().name());
        if (live != null && live.broadcaster() == broadcaster) {
            live.publication().close();
        }
    }

    public synchronized Answer consume(Peer viewer, String sdp) throws StreamException {
        Live live = liveByRoom.get(viewer.room().name());
        if (live == null) {
            throw new StreamException(StreamException.NOT_LIVE, "nothing is live in room '" + viewer.room().name() + "'");
        }
        Offer offer = parse(sdp);
        List<NegotiatedMedia> negotiated = negotiate(() -> Negotiator.forViewer(offer, live.media()));
        closeViewing(viewer);
        List<ViewerTrack> tracks = new ArrayList<>();
        Map<String, OutgoingStream> streams = new LinkedHashMap<>();
        String streamId = "beam-" + viewer.room().name();
        for (NegotiatedMedia m : negotiated) {
            long ssrc = newSsrc();
            long rtxSsrc = m.hasRtx() ? newSsrc() : 0;
            tracks.add(new ViewerTrack(kind(m.kind()), m.codec().payloadType(), ssrc, m.extensionId(HeaderExtension.MID),
                    m.mid(), m.rtxPayloadType(), rtxSsrc));
            streams.put(m.mid(), new OutgoingStream(ssrc, "beam", streamId,
                    m.kind().name().toLowerCase() + "-" + streamId, rtxSsrc));
        }
        Viewing[] created = new Viewing[1];
        Subscription subscription = open(() -> engine().subscribe(viewer.id(), live.publication(), remote(offer), tracks,
                reason -> viewingEnded(created[0], reason)));
        Viewing viewing = new Viewing(viewer, newId("c"), newId("t"), subscription, live);
        created[0] = viewing;
        viewingByPeer.put(viewer, viewing);
        return new Answer(viewing.consumerId(), viewing.transportId(),
                AnswerBuilder.forViewer(offer, negotiated, local(subscription.local()), streams));
    }

    /** What each viewer in the room last reported about its video, by peer id. */
    public synchronized Map<String, ViewerReport> viewerReports(String room) {
        Map<String, ViewerReport> reports = new LinkedHashMap<>();
        viewingByPeer.values().stream()
                .filter(viewing -> viewing.viewer().room().name().equals(room))
                .forEach(viewing -> reports.put(viewing.viewer().id(), viewing.subscription().report()));
        return reports;
    }

    /** Every viewer's latest report, for metrics. */
    public synchronized List<ViewerReport> viewerReports() {
        return viewingByPeer.values().stream().map(viewing -> viewing.subscription().report()).toList();
    }

    public synchronized void resume(Peer viewer, String consumerId) throws StreamException {
        Viewing viewing = viewingByPeer.get(viewer);
        if (viewing == null || !viewing.consumerId().equals(consumerId)) {
            throw new StreamException(StreamException.UNKNOWN_CONSUMER, "no consumer '" + consumerId + "' on this connection");
        }
        viewing.subscription().resume();
    }

    /** A candidate the browser trickled for one of its transports; false if the server cannot use it. */
    public synchronized boolean addCandidate(Peer peer, String transportId, String candidate) throws StreamException {
        Viewing viewing = viewingByPeer.get(peer);
        if (viewing != null && viewing.transportId().equals(transportId)) {
            return candidate.isEmpty() || viewing.subscription().addRemoteCandidate(candidate);
        }
        Live live = liveByRoom.get(peer.room().name());
        if (live != null && live.broadcaster() == peer && live.transportId().equals(transportId)) {
            return candidate.isEmpty() || live.publication().addRemoteCandidate(candidate);
        }
        throw new StreamException(StreamException.UNKNOWN_TRANSPORT, "no transport '" + transportId + "' on this connection");
    }

    /** The peer left its room: its media sessions end. */
    public synchronized void peerLeft(Peer peer) {
        closeViewing(peer);
        closeProducer(peer);
    }

    private void closeViewing(Peer viewer) {
        Viewing previous = viewingByPeer.remove(viewer);
        if (previous != null) {
            previous.subscription().close();
        }
    }

    private synchronized void broadcastEnded(Live live, String reason) {
        if (live == null || !liveByRoom.remove(live.broadcaster().room().name(), live)) {
            return;
        }
        LOG.info(() -> "[room " + live.broadcaster().room().name() + "] broadcast ended: " + reason);
        // Closing a subscription calls back into viewingEnded: collect first, then close.
        List<Viewing> ended = viewingByPeer.values().stream().filter(viewing -> viewing.source() == live).toList();
        ended.forEach(viewing -> viewingByPeer.remove(viewing.viewer()));
        ended.forEach(viewing -> viewing.subscription().close());
        try {
            rooms.stopBroadcast(live.broadcaster());
        } catch (RoomException e) {
            LOG.fine(() -> "[room " + live.broadcaster().room().name() + "] broadcaster already gone: " + e.getMessage());
        }
    }

    private synchronized void viewingEnded(Viewing viewing, String reason) {
        if (viewing != null && viewingByPeer.remove(viewing.viewer(), viewing)) {
            LOG.fine(() -> "[room " + viewing.viewer().room().name() + "] viewer " + viewing.viewer().id()
                    + " media ended: " + reason);
        }
    }

    private MediaEngine engine() throws StreamException {
        return media.engine().orElseThrow(() -> new StreamException(StreamException.MEDIA_UNAVAILABLE,
                "the media plane is not running on this server; see its log"));
    }

    private static Offer parse(String sdp) throws StreamException {
        try {
            return OfferParser.parse(sdp);
        } catch (SdpException e) {
            throw new StreamException(StreamException.INVALID_SDP, e.getMessage());
        }
    }

    private interface Negotiation {
        List<NegotiatedMedia> run() throws SdpException;
    }

    private static List<NegotiatedMedia> negotiate(Negotiation negotiation) throws StreamException {
        try {
            return negotiation.run();
        } catch (SdpException e) {
            throw new StreamException(StreamException.INVALID_SDP, e.getMessage());
        }
    }

    private interface Opening<T> {
        T run() throws IOException, StreamException;
    }

    private static <T> T open(Opening<T> opening) throws StreamException {
        try {
            return opening.run();
        } catch (IOException e) {
            throw new StreamException(StreamException.MEDIA_UNAVAILABLE, "cannot open a media transport: " + e.getMessage());
        }
    }

    private static RemotePeer remote(Offer offer) {
        return new RemotePeer(offer.iceUfrag(), offer.icePwd(), offer.fingerprint().value());
    }

    private static LocalTransport local(dev.beam.media.LocalParameters local) {
        return new LocalTransport(local.iceUfrag(), local.icePassword(), new Fingerprint("sha-256", local.fingerprint()),
                local.candidates());
    }

    private static MediaStats.Kind kind(MediaKind kind) {
        return kind == MediaKind.AUDIO ? MediaStats.Kind.AUDIO : MediaStats.Kind.VIDEO;
    }

    /** RFC 5104 §4.3.1: FIR only when the broadcaster negotiated it and not PLI. */
    private static boolean firOnly(List<NegotiatedMedia> media) {
        return media.stream().filter(m -> m.kind() == MediaKind.VIDEO).findFirst()
                .map(m -> m.codec().rtcpFeedback().contains("ccm fir") && !m.codec().rtcpFeedback().contains("nack pli"))
                .orElse(false);
    }

    /** A random non-zero SSRC for what the server sends a viewer. */
    private long newSsrc() {
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xFFFFFFFFL;
        } while (ssrc == 0);
        return ssrc;
    }

    private static String describe(List<NegotiatedMedia> media) {
        return media.stream().map(m -> m.kind().name().toLowerCase() + " " + m.codec().name() + "/" + m.codec().payloadType())
                .toList().toString();
    }

    private String newId(String prefix) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }
}
