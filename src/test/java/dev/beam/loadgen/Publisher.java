package dev.beam.loadgen;

import dev.beam.testpeer.Answer;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.PeerConnection;
import dev.beam.testpeer.PeerSocket;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The synthetic broadcaster: joins as the room's broadcaster, produces, and once connected sends
 * paced VP8-like video and Opus-like audio ({@link PacedSender}) on a thread of its own. A PLI or
 * FIR for its video from the server brings a keyframe on the next frame.
 */
final class Publisher implements PeerConnection.MediaSink, AutoCloseable {
    private final LoadContext context;
    private final LoadOptions options;
    private final PeerConnection connection;
    private final long audioSsrc;
    private final long videoSsrc;
    private final AtomicLong keyframeRequests = new AtomicLong();
    private volatile SyntheticVideo video;
    private SignalingSession signaling;
    private PacedSender sender;
    private Thread thread;

    private Publisher(LoadContext context, LoadOptions options) throws IOException {
        this.context = context;
        this.options = options;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.audioSsrc = random.nextLong(1, 1L << 31);
        this.videoSsrc = audioSsrc + 1;
        this.connection = new PeerConnection(PeerSocket.openLoopback(false), context.certificate(),
                context.connection(), this);
    }

    /** Joins, produces and waits for ICE and DTLS (bounded by the join timeout); the caller closes it on failure. */
    static Publisher connect(LoadContext context, LoadOptions options)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Publisher p = new Publisher(context, options);
        try {
            long timeout = context.joinTimeout().toMillis();
            p.signaling = SignalingSession.open(context.http(), context.server(), context.joinTimeout())
                    .get(timeout, TimeUnit.MILLISECONDS);
            p.signaling.request("join-room", Map.of("room", context.room(), "role", "broadcaster"))
                    .get(timeout, TimeUnit.MILLISECONDS);
            String offer = p.connection.offer(OfferSpec.send(p.audioSsrc, p.videoSsrc), "loadgen-publisher");
            String answer = p.signaling.request("produce", Map.of("sdp", offer))
                    .get(timeout, TimeUnit.MILLISECONDS).getString("sdp");
            context.workers().add(p.connection);
            p.connection.start(Answer.parse(answer));
            p.connection.connected().get(timeout, TimeUnit.MILLISECONDS);
            return p;
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Starts sending until {@code endNanos} (System.nanoTime()) or {@link #close}. */
    void startSending(long endNanos) {
        long now = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        SyntheticAudio audio = new SyntheticAudio(OfferSpec.OPUS_PT, audioSsrc, now, random.nextInt(1 << 16),
                random.nextLong(1L << 32));
        video = new SyntheticVideo(OfferSpec.VP8_PT, videoSsrc, options.bitrate(), options.fps(),
                options.keyframeIntervalSeconds(), now, random.nextInt(1 << 16), random.nextLong(1L << 32));
        sender = new PacedSender(audio, video, context.window(), (packet, length) -> connection.sendRtp(packet, 0, length),
                System::nanoTime, endNanos);
        thread = new Thread(sender, "loadgen-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sending and waits for the sender (bounded), so its counts can be read. */
    void stopSending() {
        if (sender != null) {
            sender.stop();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    PacedSender sender() {
        return sender;
    }

    long keyframes() {
        SyntheticVideo v = video;
        return v == null ? 0 : v.keyframes();
    }

    long keyframeRequests() {
        return keyframeRequests.get();
    }

    long sendFailures() {
        return connection.sendFailures();
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        // a broadcaster receives no media
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        SyntheticVideo v = video;
        if (v != null && KeyframeRequests.asksFor(buf, off, len, videoSsrc)) {
            keyframeRequests.incrementAndGet();
            v.requestKeyframe();
        }
    }

    @Override
    public void close() {
        stopSending();
        connection.close();
        if (signaling != null) {
            signaling.close();
        }
    }
}
