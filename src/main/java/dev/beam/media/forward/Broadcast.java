package dev.beam.media.forward;

import dev.beam.media.MediaStats;
import dev.beam.media.rtp.NtpTime;
import dev.beam.media.rtp.Rtcp;
import dev.beam.media.rtp.RtcpWriter;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.transport.SrtpTransformer;
import dev.beam.media.transport.PacketSender;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * One live broadcaster's media and its viewers. Decrypted packets from the broadcaster are
 * copied once into a pooled queue, off ice4j's receive thread, and a drain task on the media
 * executor fans each out to every resumed viewer. Keyframe requests from all viewers go to the
 * broadcaster through one throttle.
 */
public final class Broadcast implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Broadcast.class.getName());
    /** Room for any RTP packet that fits a 1500-byte MTU, rewritten with a bigger header, plus SRTP. */
    static final int PACKET_SIZE = 1500 + 64 + SrtpTransformer.MAX_OVERHEAD;
    private static final int QUEUE_PACKETS = 512;

    private final String room;
    private final MediaStats.Kind[] kindByPayloadType = new MediaStats.Kind[128];
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final PacketQueue queue = new PacketQueue(QUEUE_PACKETS, PACKET_SIZE);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final byte[] scratch = new byte[PACKET_SIZE];
    private final Executor executor;
    private final MediaStats stats;
    private final KeyframeRequester keyframes;
    private final long rtcpSsrc = new SecureRandom().nextInt() & 0xFFFFFFFFL;
    /** The broadcaster's recent video, plaintext, shared by all viewers' retransmissions. */
    private final PacketHistory videoHistory = new PacketHistory();
    private final SourceFeedback feedback;
    /** The media timer's buffers: RTCP written by the feedback, then a copy with SRTP's tail room. */
    private final byte[] feedbackBuffer = new byte[1200];
    private final byte[] feedbackPacket = new byte[1200 + SrtpTransformer.MAX_OVERHEAD];
    private final boolean[] keyframeNeeded = new boolean[1];
    /** Server NTP minus the broadcaster's, fixed at its first SR so audio and video stay in step. */
    private long ntpOffset;
    private boolean ntpOffsetKnown;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private volatile PacketSender source;
    private volatile long videoSsrc = -1;
    private volatile boolean closed;

    public Broadcast(String room, List<SourceTrack> tracks, boolean firOnly, Executor executor, Clock clock, MediaStats stats) {
        this(room, tracks, firOnly, 0, 0, executor, clock, System::nanoTime, stats);
    }

    /**
     * @param transportCcExtensionId the broadcaster's id for transport-wide sequence numbers, 0 if not negotiated
     * @param maxBitrateBps          the ceiling told to the broadcaster in REMB, 0 for none
     */
    public Broadcast(String room, List<SourceTrack> tracks, boolean firOnly, int transportCcExtensionId, long maxBitrateBps,
            Executor executor, Clock clock, LongSupplier nanoTime, MediaStats stats) {
        this.room = room;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.executor = executor;
        this.stats = stats;
        for (SourceTrack track : tracks) {
            kindByPayloadType[track.payloadType()] = track.kind();
        }
        this.keyframes = new KeyframeRequester(clock, KeyframeRequester.DEFAULT_MIN_INTERVAL, firOnly, this::sendKeyframeRequest);
        this.feedback = new SourceFeedback(rtcpSsrc, transportCcExtensionId, maxBitrateBps);
    }

    /** The broadcaster's transport, through which keyframe requests go. */
    public void attachSource(PacketSender transport) {
        this.source = transport;
    }

    public void add(Subscriber subscriber) {
        subscriber.attach(this);
        subscribers.add(subscriber);
    }

    public void remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public List<Subscriber> subscribers() {
        return List.copyOf(subscribers);
    }

    /** A decrypted RTP packet from the broadcaster, on its transport's receive thread. */
    public void onSourceRtp(byte[] buf, int off, int len) {
        if (closed || !RtpPacket.isValid(buf, off, len)) {
            return;
        }
        MediaStats.Kind kind = kindByPayloadType[RtpPacket.payloadType(buf, off)];
        if (kind == null) {
            stats.forwardDrops.increment();
            return;
        }
        stats.received(kind, len);
        feedback.received(kind, buf, off, len, nanoTime.getAsLong() / 1000);
        if (kind == MediaStats.Kind.VIDEO) {
            videoSsrc = RtpPacket.ssrc(buf, off);
        }
        if (!queue.offer(buf, off, len)) {
            stats.forwardDrops.increment();
            return;
        }
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                stats.forwardDrops.increment();
            }
        }
    }

    /**
     * RTCP from the broadcaster: each sender report (RFC 3550 §6.4.1) is remembered for the
     * receiver reports and passed on to every viewer, re-timed on the server's clock.
     */
    public void onSourceRtcp(byte[] buf, int off, int len) {
        long nowMillis = clock.millis();
        long monotonicMillis = nanoTime.getAsLong() / 1_000_000;
        Rtcp.forEach(buf, off, len, (packet, at, length) -> {
            if (Rtcp.packetType(packet, at) != Rtcp.SR) {
                return;
            }
            long ssrc = Rtcp.senderSsrc(packet, at);
            long ntp = Rtcp.srNtpTimestamp(packet, at);
            feedback.senderReport(ssrc, ntp, monotonicMillis);
            MediaStats.Kind kind = feedback.kindOf(ssrc);
            if (kind != null) {
                long serverNtp = serverNtp(ntp, nowMillis);
                long rtpTimestamp = Rtcp.srRtpTimestamp(packet, at);
                for (Subscriber subscriber : subscribers) {
                    subscriber.senderReport(kind, serverNtp, rtpTimestamp);
                }
            }
        });
    }

    private synchronized long serverNtp(long broadcasterNtp, long nowMillis) {
        if (!ntpOffsetKnown) {
            ntpOffset = NtpTime.fromMillis(nowMillis) - broadcasterNtp;
            ntpOffsetKnown = true;
        }
        return broadcasterNtp + ntpOffset;
    }

    /**
     * The media timer's beat: sends the broadcaster the reports, NACKs and transport-cc
     * feedback that are due, and asks for a keyframe when a lost packet was given up.
     */
    public void tick() {
        if (closed) {
            return;
        }
        // One tick at a time (the timer's fixed delay), so the buffers are the tick's own.
        int length = feedback.tick(feedbackBuffer, nanoTime.getAsLong() / 1_000_000, stats, keyframeNeeded);
        System.arraycopy(feedbackBuffer, 0, feedbackPacket, 0, length);
        PacketSender transport = source;
        if (length > 0 && transport != null) {
            transport.sendRtcp(feedbackPacket, 0, length);
        }
        if (keyframeNeeded[0]) {
            keyframeNeeded[0] = false;
            requestKeyframe();
        }
    }

    /** Copies the video packet with this sequence number into {@code dst}; its length, or -1 if gone. */
    int copyVideo(int sequenceNumber, byte[] dst) {
        return videoHistory.copy(sequenceNumber, dst, 0);
    }

    Clock clock() {
        return clock;
    }

    MediaStats stats() {
        return stats;
    }

    /** Asks the broadcaster for a keyframe, at most once per throttle interval. */
    public void requestKeyframe() {
        long ssrc = videoSsrc;
        if (ssrc < 0) {
            return;
        }
        if (!keyframes.request(ssrc)) {
            stats.keyframeRequestsAbsorbed.increment();
        }
    }

    @Override
    public void close() {
        closed = true;
        subscribers.clear();
    }

    /** Runs on the executor; at most one at a time, so {@link #scratch} is its own. */
    private void drain() {
        do {
            PacketQueue.Packet packet;
            while ((packet = queue.poll()) != null) {
                fanOut(packet);
                queue.release(packet);
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private void fanOut(PacketQueue.Packet packet) {
        if (closed) {
            return;
        }
        MediaStats.Kind kind = kindByPayloadType[RtpPacket.payloadType(packet.buf, 0)];
        if (kind == MediaStats.Kind.VIDEO) {
            videoHistory.store(packet.buf, 0, packet.len);
        }
        // Headers differ per viewer, the payload does not: its size, for sender reports, is counted once.
        int payloadLength = packet.len - RtpPacket.payloadOffset(packet.buf, 0, packet.len);
        for (Subscriber subscriber : subscribers) {
            subscriber.forward(kind, packet.buf, packet.len, payloadLength, scratch, stats);
        }
    }

    private void sendKeyframeRequest(long mediaSsrc, boolean useFir, int firSequence) {
        PacketSender transport = source;
        if (transport == null) {
            return;
        }
        byte[] rtcp = new byte[Rtcp.FIR_LENGTH + SrtpTransformer.MAX_OVERHEAD];
        int length = useFir ? RtcpWriter.writeFir(rtcp, 0, rtcpSsrc, mediaSsrc, firSequence)
                : RtcpWriter.writePli(rtcp, 0, rtcpSsrc, mediaSsrc);
        if (transport.sendRtcp(rtcp, 0, length)) {
            stats.keyframeRequestsSent.increment();
            LOG.fine(() -> "[room " + room + "] keyframe requested (" + (useFir ? "FIR" : "PLI") + ")");
        }
    }
}
