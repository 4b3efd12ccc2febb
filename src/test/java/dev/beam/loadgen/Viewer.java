package dev.beam.loadgen;

import dev.beam.testpeer.Answer;
import dev.beam.testpeer.OfferSpec;
import dev.beam.testpeer.PeerConnection;
import dev.beam.testpeer.PeerSocket;
import dev.beam.testpeer.RtpPackets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One receive-only viewer, joined as a browser would: signaling (join-room, consume), ICE and
 * DTLS, then resume-consumer. By default it sends nothing but answers to the server's consent
 * checks, like a libdatachannel client; it can send receiver reports or consent checks of its own.
 */
final class Viewer implements PeerConnection.MediaSink, AutoCloseable {
    private final LoadContext context;
    private final String name;
    private final PeerConnection connection;
    private final long ssrc = ThreadLocalRandom.current().nextLong(1, 1L << 32);
    private volatile ViewerStats stats;
    private volatile SignalingSession signaling;
    private volatile ScheduledFuture<?> reports;
    private volatile String closedReason;

    private Viewer(LoadContext context, int index) {
        this.context = context;
        this.name = "loadgen-viewer-" + index;
        try {
            this.connection = new PeerConnection(PeerSocket.openLoopback(false), context.certificate(),
                    context.connection(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket on 127.0.0.1", e);
        }
    }

    /** Joins; completes with the viewer once media flows, or exceptionally (the viewer closed) on failure. */
    static CompletableFuture<Viewer> join(LoadContext context, int index, Duration receiverReports,
                                          Duration consentChecks) {
        Viewer viewer;
        try {
            viewer = new Viewer(context, index);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String[] consumerId = new String[1];
        return SignalingSession.open(context.http(), context.server(), context.joinTimeout())
                .thenCompose(session -> {
                    viewer.signaling = session;
                    session.closed().thenAccept(reason -> viewer.closedReason = reason);
                    return session.request("join-room", Map.of("room", context.room(), "role", "viewer"));
                })
                .thenCompose(joined -> viewer.signaling.request("consume",
                        Map.of("sdp", viewer.connection.offer(OfferSpec.receive(), viewer.name))))
                .thenCompose(created -> {
                    consumerId[0] = created.getString("consumerId");
                    Answer answer = Answer.parse(created.getString("sdp"));
                    viewer.stats = new ViewerStats(context.window(), answer.payloadType("audio"),
                            answer.payloadType("video"), System::nanoTime);
                    context.workers().add(viewer.connection);
                    viewer.connection.start(answer);
                    return viewer.connection.connected();
                })
                .thenCompose(connected -> viewer.signaling.request("resume-consumer", Map.of("consumerId", consumerId[0])))
                .thenApply(resumed -> {
                    viewer.startSending(receiverReports, consentChecks);
                    return viewer;
                })
                .orTimeout(context.joinTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        viewer.close();
                    }
                });
    }

    /** What a failed join's exception says, without the wrapping. */
    static String reason(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof java.util.concurrent.TimeoutException ? "timed out" : String.valueOf(t.getMessage());
    }

    ViewerStats stats() {
        return stats;
    }

    /**
     * Whether the viewer dropped out before {@code endNanos}: its signaling closed, or media
     * stopped reaching it for over {@code silence} before then.
     */
    boolean droppedBefore(long endNanos, Duration silence) {
        ViewerStats s = stats;
        return closedReason != null || s == null || endNanos - s.lastPacketNanos() > silence.toNanos();
    }

    int localPort() {
        return connection.localPort();
    }

    long consentChecksAnswered() {
        return connection.consentChecksAnswered();
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        ViewerStats s = stats;
        if (s != null) {
            s.onRtp(buf, off, len);
        }
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        // sender reports need no answer from a viewer that sends no reports
    }

    @Override
    public void close() {
        ScheduledFuture<?> r = reports;
        if (r != null) {
            r.cancel(false);
        }
        connection.close();
        SignalingSession s = signaling;
        if (s != null) {
            s.close();
        }
    }

    private void startSending(Duration receiverReports, Duration consentChecks) {
        if (!consentChecks.isZero()) {
            connection.sendConsentChecks(consentChecks);
        }
        if (!receiverReports.isZero()) {
            // An empty receiver report (RFC 3550 §6.4.2): enough for a server that judges liveness by what reaches it.
            byte[] rr = RtpPackets.emptyReceiverReport(ssrc);
            long period = receiverReports.toMillis();
            reports = context.timer().scheduleAtFixedRate(() -> {
                if (connection.isConnected()) {
                    connection.sendRtcp(rr, 0, rr.length);
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }
    }
}
