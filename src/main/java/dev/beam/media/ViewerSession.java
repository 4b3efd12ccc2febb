package dev.beam.media;

import dev.beam.media.forward.FanOut;
import dev.beam.media.pipeline.PacketWorker;
import dev.beam.media.pipeline.Pipeline;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.ReceiveStream;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.receive.TrackLayers;
import dev.beam.media.send.Outgoing;
import dev.beam.media.send.Quality;
import dev.beam.media.send.SendStream;
import dev.beam.media.send.ViewerFeedback;
import dev.beam.media.send.ViewerReport;
import dev.beam.media.send.ViewerBandwidth;
import dev.beam.media.send.ViewerLayer;
import dev.beam.media.send.ViewerTrack;
import dev.beam.media.transport.CandidateLine;
import dev.beam.media.transport.PacketClassifier;
import dev.beam.media.transport.PeerTransport;
import dev.beam.media.transport.WebRtcTransport;
import java.io.IOException;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A viewer's media session: its transport, one send stream per broadcaster track it receives,
 * the path each packet takes to it, and what its RTCP asks for. Forwarded packets come on its
 * fan-out shard; its own RTCP, and the retransmissions it asks for, on its worker.
 */
public final class ViewerSession implements FanOut.Member, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ViewerSession.class.getName());
    private static final int VIEWER_QUEUE = 32;

    private final String peerId;
    private final BroadcasterSession broadcaster;
    private final MediaContext context;
    private final MediaStats stats;
    private final SessionListener listener;
    private final SendStream[] streams;
    /** Null where the viewer negotiated no transport-wide sequence numbers. */
    private final ViewerBandwidth bandwidth;
    private final WebRtcTransport transport;
    private final PacketWorker<Packet> worker;
    private final ViewerFeedback feedback;
    private final SendPath sendPath;
    private final Pipeline<Packet> rtcpPath;
    /** The worker's, for retransmissions; made on the first. */
    private Outgoing resendBuffer;
    private volatile boolean resumed;

    ViewerSession(String peerId, BroadcasterSession broadcaster, RemotePeer remote, List<ViewerTrack> tracks,
            MediaContext context, Transports transports, SessionListener listener) throws IOException {
        this.peerId = peerId;
        this.broadcaster = broadcaster;
        this.context = context;
        this.stats = context.stats();
        this.listener = listener;
        this.streams = new SendStream[tracks.size()];
        int transportCc = tracks.stream().mapToInt(ViewerTrack::transportCcExtensionId).filter(id -> id > 0)
                .findFirst().orElse(0);
        this.bandwidth = transportCc > 0 ? new ViewerBandwidth(transportCc, stats.probesSucceeded) : null;
        LongSupplier estimate = bandwidth == null ? () -> Long.MAX_VALUE : bandwidth::estimateBps;
        DoubleSupplier loss = bandwidth == null ? () -> 0 : bandwidth::lossFraction;
        SourceTrack[] sources = new SourceTrack[tracks.size()];
        for (int i = 0; i < streams.length; i++) {
            ViewerTrack track = tracks.get(i);
            sources[i] = broadcaster.tracks().stream().filter(source -> source.mid().equals(track.sourceMid()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no broadcaster track "
                            + track.sourceMid()));
            TrackLayers layers = broadcaster.layers(sources[i]);
            streams[i] = new SendStream(track, layers == null ? null : new ViewerLayer(layers, estimate, loss), stats);
        }
        this.feedback = new ViewerFeedback(streams, this::resend, stats, bandwidth, context.nanoTime());
        this.transport = transports.open(peerId, remote.fingerprint(), new TransportEvents());
        EngineSettings settings = context.settings();
        // A viewer sends only RTCP, a few compounds a second: a short queue is plenty.
        this.worker = new PacketWorker<>("[peer " + peerId + "] viewer", context.workers(), VIEWER_QUEUE,
                settings.maxDelay().toNanos(), context.nanoTime(), this::handle, stats.staleDrops);

        this.sendPath = new SendPath(peerId, streams, sources, transport, stats, () -> resumed, bandwidth,
                context.nanoTime());
        rtcpPath = Pipeline.<Packet>named("[peer " + peerId + "] receive RTCP")
                .onDrop(this::refused)
                .transform("SRTCP decrypt (RFC 3711 §3.4)", transport::unprotectRtcp)
                .terminate("routed by SSRC: NACK, PLI/FIR, reports", this::feedback);
    }

    public String peerId() {
        return peerId;
    }

    /** A candidate the peer trickled; refused when the server cannot use it, ignored when mDNS or TCP. */
    public void addRemoteCandidate(String candidate) throws CandidateLine.RefusedException {
        transport.addRemoteCandidate(candidate);
    }

    /** An ICE restart with the peer's new credentials, its generation returned; DTLS and SRTP go on. */
    public int restartIce(String remoteUfrag, String remotePassword) throws IOException {
        return transport.restartIce(remoteUfrag, remotePassword);
    }

    WebRtcTransport transport() {
        return transport;
    }

    /** How the viewer's media travels: udp, tcp or relay, from the pair ICE selected. */
    public PeerTransport peerTransport() {
        return transport.transport();
    }

    /**
     * Starts the flow of media, with a keyframe so that the first frame comes quickly. Before the
     * transport connects, the request waits for {@link TransportEvents#onConnected}: a keyframe
     * that came earlier would be lost, and Chromium ignores a second request within 300 ms of the
     * first, so the viewer would wait for the retry a second later. Both sides write, then read,
     * a volatile, so at least one of them sends the request.
     */
    public void resume() {
        resumed = true;
        if (transport.isConnected()) {
            broadcaster.requestKeyframes();
        }
    }

    /**
     * The simulcast layer the viewer asks for; of a video track without simulcast, the one stream,
     * whole but under {@link Quality#LOW} (see {@code LayerSelector}).
     */
    public void setQuality(Quality quality) {
        for (SendStream stream : streams) {
            if (stream.layer() != null) {
                stream.layer().setQuality(quality);
            }
        }
    }

    /** How its video's layer is chosen (a track without simulcast has one), or null without video. */
    public ViewerLayer layer() {
        for (SendStream stream : streams) {
            if (stream.layer() != null) {
                return stream.layer();
            }
        }
        return null;
    }

    /** The viewer's bandwidth estimate, or null where it negotiated no transport-cc. */
    public ViewerBandwidth bandwidth() {
        return bandwidth;
    }

    /** What the viewer last reported about its video (else its first stream). */
    public ViewerReport report() {
        for (SendStream stream : streams) {
            if (stream.track().kind() == MediaStats.Kind.VIDEO) {
                return stream.report();
            }
        }
        return streams.length > 0 ? streams[0].report() : ViewerReport.NONE;
    }

    @Override
    public void close() {
        transport.close("viewer left");
    }

    @Override
    public void forward(Packet packet, Outgoing out) {
        sendPath.forward(out);
    }

    @Override
    public void relaySenderReport(ReceiveStream from, long ntpTimestamp, long rtpTimestamp, Outgoing out) {
        if (!resumed || !transport.isConnected()) {
            return;
        }
        for (SendStream stream : streams) {
            int length = stream.writeSenderReport(from, ntpTimestamp, rtpTimestamp, out.buf);
            if (length > 0) {
                transport.sendRtcp(out.buf, 0, length);
            }
        }
    }

    @Override
    public void failed(RuntimeException e) {
        transport.close("its send path failed: " + e);
    }

    /** On the worker: a packet the viewer asked for again, numbered as first sent. */
    private boolean resend(SendStream stream, int viewerSeq) {
        if (resendBuffer == null) {
            resendBuffer = new Outgoing();
        }
        return sendPath.retransmit(stream, viewerSeq, resendBuffer);
    }

    private void handle(Packet packet) {
        if (PacketClassifier.isRtcp(packet.buf, 0, packet.length)) {
            rtcpPath.process(packet);
        } else {
            refused(packet); // a viewer sends no media
        }
    }

    private void feedback(Packet packet) {
        try {
            feedback.handle(packet.buf, 0, packet.length, context.clock().millis());
        } finally {
            packet.release();
        }
    }

    private void refused(Packet packet) {
        stats.refusedPackets.increment();
        packet.release();
    }

    private final class TransportEvents implements WebRtcTransport.Handler {
        @Override
        public void onConnected() {
            LOG.fine(() -> "[room " + broadcaster.room() + "] viewer " + peerId + " connected");
            if (resumed) {
                broadcaster.requestKeyframes();
            }
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
            broadcaster.remove(ViewerSession.this);
            listener.closed(reason);
        }
    }
}
