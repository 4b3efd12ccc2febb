package dev.beam.media;

import dev.beam.media.forward.FanOut;
import dev.beam.media.pipeline.PacketWorker;
import dev.beam.media.pipeline.Pipeline;
import dev.beam.media.receive.BroadcasterFeedback;
import dev.beam.media.receive.KeyframeRequester;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.RtxStreams;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.receive.TrackLayers;
import dev.beam.media.rtp.NtpTime;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpReports;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.TransportCcRecorder;
import dev.beam.media.transport.CandidateLine;
import dev.beam.media.transport.PacketClassifier;
import dev.beam.media.transport.PeerTransport;
import dev.beam.media.transport.SrtpTransformer;
import dev.beam.media.transport.WebRtcTransport;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;

/**
 * A broadcaster's media session: its transport, the path its packets take, the feedback it
 * gets, and the fan-out to its viewers. Everything here that is not shared with viewers is
 * touched only on the broadcaster's worker, so none of it needs a lock.
 */
public final class BroadcasterSession implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BroadcasterSession.class.getName());
    private static final int FEEDBACK_BUFFER = 1200;

    private final String peerId;
    private final String room;
    private final MediaContext context;
    private final MediaStats stats;
    private final SessionListener listener;
    private final long rtcpSsrc = new SecureRandom().nextInt() & 0xFFFFFFFFL;
    private final ReceiveStreams streams;
    private final RtxStreams rtx;
    private final TransportCcRecorder transportCc;
    private final int transportCcExtensionId;
    private final BroadcasterFeedback feedback;
    private final FanOut fanOut;
    private final WebRtcTransport transport;
    private final PacketWorker<Packet> worker;
    private final Pipeline<Packet> receivePath;
    private final Pipeline<Packet> rtxPath;
    private final Pipeline<Packet> mediaPath;
    private final Pipeline<Packet> rtcpPath;
    private final Pipeline<Packet> latePath;
    private final Rtcp.RtcpVisitor senderReports = this::senderReport;
    /** The worker's buffer for feedback, with SRTCP's tail room. */
    private final byte[] feedbackBuffer = new byte[FEEDBACK_BUFFER + SrtpTransformer.MAX_OVERHEAD];
    /** Server NTP minus the broadcaster's, fixed at its first SR so audio and video keep their relation. */
    private long ntpOffset;
    private boolean ntpOffsetKnown;
    private long rtcpArrivalNanos;

    /**
     * @param transportCcExtensionId the broadcaster's id for transport-wide sequence numbers, 0 if not negotiated
     * @param maxBitrateBps          the ceiling the broadcaster is told in REMB
     */
    BroadcasterSession(String peerId, String room, RemotePeer remote, List<SourceTrack> tracks,
            int transportCcExtensionId, long maxBitrateBps, MediaContext context, Transports transports,
            SessionListener listener) throws IOException {
        this.peerId = peerId;
        this.room = room;
        this.context = context;
        this.stats = context.stats();
        this.listener = listener;
        this.streams = new ReceiveStreams(tracks, this::keyframeRequester);
        this.rtx = new RtxStreams(tracks, streams, stats);
        this.transportCcExtensionId = transportCcExtensionId;
        this.transportCc = transportCcExtensionId > 0 ? new TransportCcRecorder() : null;
        this.feedback = new BroadcasterFeedback(rtcpSsrc, streams, transportCc, maxBitrateBps, stats);
        EngineSettings settings = context.settings();
        long maxDelayNanos = settings.maxDelay().toNanos();
        this.fanOut = new FanOut("[room " + room + "] fan-out", settings.shards(), context.workers(), maxDelayNanos,
                context.nanoTime(), stats);
        this.transport = transports.open(peerId, remote.fingerprint(), new TransportEvents());
        this.worker = new PacketWorker<>("[peer " + peerId + "] broadcaster", context.workers(), settings.peerQueue(),
                maxDelayNanos, context.nanoTime(), this::handle, stats.staleDrops, this::late);

        // The broadcaster's media, top to bottom. Before this, on the UDP receive thread: the
        // RFC 7983 demux and the hand-off to this session's worker (WebRtcTransport).
        receivePath = Pipeline.<Packet>named("[peer " + peerId + "] receive")
                .onDrop(this::refused)
                .transform("SRTP decrypt (RFC 3711 §3.3)", transport::unprotectRtp)
                .observe("transport-cc arrival times, probes and RTX copies included", this::recordArrival)
                .terminate("media, or RTX to unwrap first", this::route);
        // Each stage counts what it drops under its own reason.
        rtxPath = Pipeline.<Packet>named("[peer " + peerId + "] receive RTX")
                .onDrop(Packet::release)
                .filter("padding-only probes end here", rtx::carriesOriginal)
                .transform("unwrap into its original stream (RFC 4588 §4, RFC 8852 §3.2)", rtx::unwrap)
                .terminate("on as a retransmission on the original SSRC", this::media);
        mediaPath = Pipeline.<Packet>named("[peer " + peerId + "] receive media")
                .onDrop(this::refused)
                .filter("its stream, by SSRC", streams::attach)
                .filter("first copy of each sequence number", packet -> packet.stream().firstCopy(packet))
                .observe("counters", packet -> stats.received(packet.stream().track().kind(), packet.length))
                .observe("reception statistics (RFC 3550 A.1, A.3, A.8)", packet -> packet.stream().count(packet))
                .observe("loss detection for NACKs (RFC 4585 §6.2.1)", packet -> packet.stream().detectLoss(packet))
                .observe("keyframe detection (RFC 7741, RFC 6184)", packet -> packet.stream().detectKeyframe(packet))
                .observe("history for retransmissions", packet -> packet.stream().keep(packet))
                .terminate("fan-out to the viewers", fanOut::forward);
        // Media that waited too long in this server is not forwarded, but it did arrive: reported
        // lost, it would make the broadcaster's congestion control take our delay for loss on its
        // network, and cut its rate (at its start, where the server is busiest, for many seconds).
        latePath = Pipeline.<Packet>named("[peer " + peerId + "] receive, late")
                .onDrop(Packet::release)
                .filter("RTP with transport-wide numbers", packet -> transportCc != null
                        && !PacketClassifier.isRtcp(packet.buf, 0, packet.length))
                .transform("SRTP decrypt (RFC 3711 §3.3)", transport::unprotectRtp)
                .observe("transport-cc arrival times", this::recordArrival)
                .terminate("not forwarded late", Packet::release);
        rtcpPath = Pipeline.<Packet>named("[peer " + peerId + "] receive RTCP")
                .onDrop(this::refused)
                .transform("SRTCP decrypt (RFC 3711 §3.4)", transport::unprotectRtcp)
                .terminate("sender reports: our LSR, and on to the viewers", this::senderReports);
    }

    public String peerId() {
        return peerId;
    }

    public String room() {
        return room;
    }

    public List<SourceTrack> tracks() {
        return streams.tracks();
    }

    /** The layers of one of its video tracks (one without simulcast has one), or null for audio. */
    public TrackLayers layers(SourceTrack track) {
        return streams.layers(track);
    }

    /** A candidate the peer trickled; refused when the server cannot use it, ignored when mDNS or TCP. */
    public void addRemoteCandidate(String candidate) throws CandidateLine.RefusedException {
        transport.addRemoteCandidate(candidate);
    }

    /** An ICE restart with the peer's new credentials, its generation returned; DTLS and SRTP go on. */
    public int restartIce(String remoteUfrag, String remotePassword) throws IOException {
        return transport.restartIce(remoteUfrag, remotePassword);
    }

    /** How the broadcaster's media travels: udp, tcp or relay, from the pair ICE selected. */
    public PeerTransport peerTransport() {
        return transport().transport();
    }

    WebRtcTransport transport() {
        return transport;
    }

    /** Viewers now. */
    public int viewers() {
        return fanOut.size();
    }

    void add(ViewerSession viewer) {
        fanOut.add(viewer);
    }

    void remove(ViewerSession viewer) {
        fanOut.remove(viewer);
    }

    /** Asks for a keyframe of each video stream being forwarded: a viewer starts or restarts. */
    void requestKeyframes() {
        for (ReceiveStream stream : streams.all()) {
            if (stream.isVideo() && !stream.isSuperseded()) {
                stream.requestKeyframe();
            }
        }
    }

    /** The media timer's beat: the feedback due, and the ranking of video layers, run on the worker, in turn with the packets. */
    void tick() {
        worker.execute(this::sendFeedback);
    }

    @Override
    public void close() {
        transport.close("broadcast stopped");
    }

    private void handle(Packet packet) {
        if (PacketClassifier.isRtcp(packet.buf, 0, packet.length)) {
            rtcpPath.process(packet);
        } else {
            receivePath.process(packet);
        }
    }

    private void late(Packet packet) {
        latePath.process(packet);
    }

    private void route(Packet packet) {
        if (rtx.isRtx(packet)) {
            rtxPath.process(packet);
        } else {
            mediaPath.process(packet);
        }
    }

    private void media(Packet packet) {
        mediaPath.process(packet);
    }

    private void refused(Packet packet) {
        stats.refusedPackets.increment();
        packet.release();
    }

    private void recordArrival(Packet packet) {
        if (transportCc != null) {
            transportCc.recordPacket(packet.buf, 0, packet.length, transportCcExtensionId,
                    packet.receivedNanos() / 1000);
        }
    }

    private void senderReports(Packet packet) {
        try {
            rtcpArrivalNanos = packet.receivedNanos();
            Rtcp.forEach(packet.buf, 0, packet.length, senderReports);
        } finally {
            packet.release();
        }
    }

    /** RFC 3550 §6.4.1: an SR is remembered for our RRs and passed on, re-timed on the server's clock. */
    private void senderReport(byte[] buf, int at, int length) {
        if (Rtcp.packetType(buf, at) != Rtcp.SR) {
            return;
        }
        long ssrc = Rtcp.senderSsrc(buf, at);
        long ntp = RtcpReports.srNtpTimestamp(buf, at);
        feedback.senderReport(ssrc, ntp, rtcpArrivalNanos / 1_000_000);
        ReceiveStream stream = streams.find(ssrc);
        if (stream == null) {
            return;
        }
        if (!ntpOffsetKnown) {
            ntpOffset = NtpTime.fromMillis(context.clock().millis()) - ntp;
            ntpOffsetKnown = true;
        }
        fanOut.relaySenderReport(stream, ntp + ntpOffset, RtcpReports.srRtpTimestamp(buf, at));
    }

    private void sendFeedback() {
        streams.rankLayers(context.nanoTime().getAsLong());
        int length = feedback.write(feedbackBuffer, context.nanoTime().getAsLong() / 1_000_000,
                transport.rttMillis());
        if (length > 0) {
            transport.sendRtcp(feedbackBuffer, 0, length);
        }
        feedback.retryKeyframeRequests();
    }

    private KeyframeRequester keyframeRequester(long ssrc, SourceTrack track) {
        return new KeyframeRequester(context.nanoTime(), KeyframeRequester.DEFAULT_MIN_INTERVAL_NANOS,
                KeyframeRequester.DEFAULT_RETRY_NANOS, track.firOnly(), stats.keyframeRequestsAbsorbed,
                (useFir, firSequence) -> sendKeyframeRequest(ssrc, useFir, firSequence));
    }

    /** PLI (RFC 4585 §6.3.1) or FIR (RFC 5104 §4.3.1) for one stream; from any thread. */
    private boolean sendKeyframeRequest(long mediaSsrc, boolean useFir, int firSequence) {
        byte[] rtcp = new byte[Rtcp.FIR_LENGTH + SrtpTransformer.MAX_OVERHEAD];
        int length = useFir ? RtcpWriter.writeFir(rtcp, 0, rtcpSsrc, mediaSsrc, firSequence)
                : RtcpWriter.writePli(rtcp, 0, rtcpSsrc, mediaSsrc);
        boolean sent = transport.sendRtcp(rtcp, 0, length);
        if (sent) {
            stats.keyframeRequestsSent.increment();
            LOG.fine(() -> "[room " + room + "] keyframe requested (" + (useFir ? "FIR" : "PLI") + ")");
        }
        return sent;
    }

    private final class TransportEvents implements WebRtcTransport.Handler {
        @Override
        public void onConnected() {
            LOG.fine(() -> "[room " + room + "] broadcaster " + peerId + " connected");
        }

        @Override
        public void onPacket(Packet packet) {
            if (!worker.offer(packet)) {
                stats.receiveDrops.increment();
                packet.release();
            }
        }

        @Override
        public void onClosed(String reason) {
            listener.closed(reason);
        }
    }
}
