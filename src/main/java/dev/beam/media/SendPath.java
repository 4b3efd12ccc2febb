package dev.beam.media;

import dev.beam.media.pipeline.Pipeline;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.send.Outgoing;
import dev.beam.media.send.Prober;
import dev.beam.media.send.SendStream;
import dev.beam.media.send.ViewerBandwidth;
import dev.beam.media.transport.SrtpSender;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The path a packet of the broadcast takes to one viewer, declared top to bottom. Before it:
 * the broadcaster's receive path and the fan-out to the viewer's shard. Retransmissions the
 * viewer asks for take the same path from the rewrite on, numbered as they were first sent, and
 * so do the probes that test whether its network carries a better simulcast layer.
 */
public final class SendPath {
    private final SendStream[] streams;
    private final SourceTrack[] sources;
    private final SrtpSender transport;
    private final MediaStats stats;
    private final BooleanSupplier resumed;
    /** Null where the viewer negotiated no transport-wide sequence numbers. */
    private final ViewerBandwidth bandwidth;
    private final Prober prober = new Prober();
    /** The shard's, for probes. */
    private final Outgoing probe = new Outgoing();
    private final LongSupplier nanoTime;
    private final Pipeline<Outgoing> path;

    /**
     * @param streams  the viewer's send streams
     * @param sources  the broadcaster's track feeding each send stream, by index
     * @param resumed  whether the viewer asked for media yet
     * @param bandwidth the viewer's bandwidth estimate, null without transport-wide sequence numbers
     */
    public SendPath(String peerId, SendStream[] streams, SourceTrack[] sources, SrtpSender transport,
            MediaStats stats, BooleanSupplier resumed, ViewerBandwidth bandwidth, LongSupplier nanoTime) {
        if (streams.length != sources.length) {
            throw new IllegalArgumentException(streams.length + " streams, " + sources.length + " sources");
        }
        this.streams = streams.clone();
        this.sources = sources.clone();
        this.transport = transport;
        this.stats = stats;
        this.resumed = resumed;
        this.bandwidth = bandwidth;
        this.nanoTime = nanoTime;
        path = Pipeline.<Outgoing>named("[peer " + peerId + "] send")
                .filter("selection: resumed, connected, its stream; video from a keyframe", this::select)
                .transform("rewrite: payload type, SSRC, MID, numbering (RFC 3550 §5.1)",
                        out -> out.stream().rewrite(out))
                .transform("retransmissions as RTX where negotiated (RFC 4588 §4)",
                        out -> out.stream().wrapRetransmission(out))
                .observe("counts for sender reports and metrics", out -> out.stream().count(out, out.receivedNanos()))
                .observe("transport-wide sequence number (transport-cc draft §2), for the estimate", this::stamp)
                .transform("SRTP encrypt (RFC 3711 §3.3)", this::protect)
                .terminate("send through ICE", this::send);
    }

    /** A packet the fan-out forwards, pointed at by {@code out}, which the caller's thread owns. */
    public void forward(Outgoing out) {
        path.process(out);
        SendStream stream = out.stream();
        if (bandwidth != null && stream != null && stream.layer() != null) {
            probe(stream, out);
        }
    }

    /** Sends again the packet the viewer names; false when it cannot be had any more. */
    public boolean retransmit(SendStream stream, int viewerSeq, Outgoing out) {
        if (!stream.retransmission(viewerSeq, out)) {
            return false;
        }
        path.process(out);
        return true;
    }

    /** Sends the probe packets due after a media packet of a video track (see {@link Prober}). */
    private void probe(SendStream stream, Outgoing media) {
        long now = nanoTime.getAsLong();
        long target = stream.layer().probeTargetBps();
        boolean wasProbing = prober.probing();
        boolean sent = media.wasSent();
        prober.mediaSent(sent ? media.length : 0, sent && RtpPacket.marker(media.buf, 0));
        while (prober.wantsPacket(now, target, bandwidth.estimateBps(), bandwidth.congested())) {
            long top = stream.highestSent();
            if (top < 0 || !retransmit(stream, (int) (top - prober.nextPacketBack()) & 0xFFFF, probe)) {
                break;
            }
            prober.sent(probe.length);
            stats.probePackets.increment();
        }
        if (prober.probing() != wasProbing) {
            bandwidth.probing(prober.probing() ? target : 0, now);
        }
    }

    private void stamp(Outgoing out) {
        if (bandwidth != null) {
            bandwidth.stamp(out.buf, out.length, nanoTime.getAsLong());
        }
    }

    private boolean select(Outgoing out) {
        if (out.isRetransmission()) {
            return transport.isConnected();
        }
        if (!resumed.getAsBoolean() || !transport.isConnected()) {
            return false;
        }
        SourceTrack track = out.sourceStream().track();
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] == track) {
                return streams[i].admit(out, out.receivedNanos());
            }
        }
        return false;
    }

    private boolean protect(Outgoing out) {
        out.length = transport.protectRtp(out.buf, 0, out.length);
        if (out.length > 0) {
            return true;
        }
        stats.forwardDrops.increment();
        return false;
    }

    private void send(Outgoing out) {
        if (transport.send(out.buf, 0, out.length)) {
            out.markSent();
        } else {
            stats.forwardDrops.increment();
        }
    }
}
