package dev.beam.metrics;

import dev.beam.media.MediaStats;
import dev.beam.media.send.ViewerReport;
import dev.beam.media.transport.PeerTransport;
import dev.beam.media.transport.SocketDrops;
import dev.beam.room.RoomRegistry;
import dev.beam.room.RoomSnapshot;
import dev.beam.stream.Broadcasts;
import dev.beam.stream.MediaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The application's metrics, registered programmatically (get-or-create) so that a second
 * deployment sharing the registry, as the Arquillian tests do, cannot unregister them.
 * Prometheus names: {@code beam_rooms}, {@code beam_live_broadcasts}, {@code beam_viewers},
 * {@code beam_signaling_messages_total{type}}, {@code beam_signaling_errors_total{code}},
 * {@code beam_limits_refused_total{limit}}, {@code beam_media_port_up}, and the
 * media plane's {@code beam_media_*}: cumulative values since start, exposed as gauges because
 * MicroProfile Metrics has no counter backed by a function, and the media plane counts in its
 * own lock-free {@link MediaStats}.
 */
@ApplicationScoped
public class BeamMetrics {
    private static final String DROPS = "Packets dropped: forward (a viewer's queue full or send failed, per viewer),"
            + " stale (waited longer than MEDIA_MAX_DELAY_MS), receive (no buffer or the peer's queue full),"
            + " refused (not SRTP of a negotiated stream, or a duplicate), unknown (not STUN, DTLS, RTP or RTCP),"
            + " rtx-padding (a broadcaster's padding-only RTX probe, after transport-cc feedback counted it),"
            + " rtx-unmapped (a broadcaster's RTX packet whose original stream is not known),"
            + " source (not from the address ICE selected for the session), unauthenticated (a STUN request from a new"
            + " address naming no session or failing its integrity check), send (the kernel refused a batched send),"
            + " kernel (the media port's socket buffer was full: the receive thread fell behind),"
            + " tcp-queue (a packet not sent on a TCP connection whose send queue was full: the peer reads too slowly),"
            + " tcp-rejected (a TCP connection closed unheard: no authenticated check within"
            + " MEDIA_TCP_HANDSHAKE_TIMEOUT_MS, or a frame over the bound; counts connections)";
    private static final String NACKS = "NACK packets received from viewers or sent to broadcasters";
    private static final String RETRANSMISSIONS =
            "Packets viewers NACKed: resent, missed (no longer held), or over-budget (the viewer's share of its"
                    + " bandwidth estimate for resends was spent)";

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    RoomRegistry rooms;

    private final Map<String, Counter> refusalCounters = new ConcurrentHashMap<>();

    @Inject
    MediaService media;

    @Inject
    Broadcasts broadcasts;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        roomGauge("beam.rooms", "Rooms that exist now", snapshot -> 1);
        roomGauge("beam.live.broadcasts", "Rooms broadcasting now", snapshot -> snapshot.live() ? 1 : 0);
        roomGauge("beam.viewers", "Viewers in all rooms", RoomSnapshot::viewers);
        MediaStats stats = media.stats();
        for (MediaStats.Kind kind : MediaStats.Kind.values()) {
            Tag tag = new Tag("kind", kind.name().toLowerCase(Locale.ROOT));
            mediaGauge("beam.media.packets.in", "RTP packets received from broadcasters", s -> s.packetsIn(kind), tag);
            mediaGauge("beam.media.bytes.in", "RTP bytes received from broadcasters", s -> s.bytesIn(kind), tag);
            mediaGauge("beam.media.packets.out", "RTP packets forwarded to viewers", s -> s.packetsOut(kind), tag);
            mediaGauge("beam.media.bytes.out", "RTP bytes forwarded to viewers", s -> s.bytesOut(kind), tag);
        }
        mediaGauge("beam.media.srtp.failures", "Packets that failed SRTP or SRTCP authentication",
                s -> s.srtpFailures.sum());
        mediaGauge("beam.media.keyframe.requests", "Keyframe requests sent to broadcasters",
                s -> s.keyframeRequestsSent.sum(), new Tag("result", "sent"));
        mediaGauge("beam.media.keyframe.requests", "Keyframe requests sent to broadcasters",
                s -> s.keyframeRequestsAbsorbed.sum(), new Tag("result", "throttled"));
        mediaGauge("beam.media.keyframe.requests", "Keyframe requests sent to broadcasters",
                s -> s.keyframeRequestsRetried.sum(), new Tag("result", "retried"));
        mediaGauge("beam.media.dtls.handshakes", "DTLS handshakes", s -> s.dtlsHandshakes.sum(), new Tag("result", "ok"));
        mediaGauge("beam.media.dtls.handshakes", "DTLS handshakes", s -> s.dtlsFailures.sum(), new Tag("result", "failed"));
        mediaGauge("beam.media.ice.connections", "ICE connections", s -> s.iceConnections.sum(), new Tag("result", "ok"));
        mediaGauge("beam.media.ice.connections", "ICE connections", s -> s.iceFailures.sum(), new Tag("result", "failed"));
        mediaGauge("beam.media.consent.expiries", "Peers closed because consent ran out or ICE never connected (RFC 7675)",
                s -> s.consentExpiries.sum());
        mediaGauge("beam.media.consent.checks", "Consent checks sent to peers (RFC 7675)", s -> s.consentChecks.sum());
        mediaGauge("beam.media.drops", DROPS, s -> s.forwardDrops.sum(), new Tag("reason", "forward"));
        mediaGauge("beam.media.drops", DROPS, s -> s.staleDrops.sum(), new Tag("reason", "stale"));
        mediaGauge("beam.media.drops", DROPS, s -> s.receiveDrops.sum(), new Tag("reason", "receive"));
        mediaGauge("beam.media.drops", DROPS, s -> s.refusedPackets.sum(), new Tag("reason", "refused"));
        mediaGauge("beam.media.drops", DROPS, s -> s.unknownPackets.sum(), new Tag("reason", "unknown"));
        mediaGauge("beam.media.drops", DROPS, s -> s.rtxPaddingDrops.sum(), new Tag("reason", "rtx-padding"));
        mediaGauge("beam.media.drops", DROPS, s -> s.rtxUnmappedDrops.sum(), new Tag("reason", "rtx-unmapped"));
        mediaGauge("beam.media.drops", DROPS, s -> s.sourceDrops.sum(), new Tag("reason", "source"));
        mediaGauge("beam.media.drops", DROPS, s -> s.unauthenticatedDrops.sum(), new Tag("reason", "unauthenticated"));
        mediaGauge("beam.media.drops", DROPS, s -> s.tcpQueueDrops.sum(), new Tag("reason", "tcp-queue"));
        mediaGauge("beam.media.drops", DROPS, s -> s.tcpRejected.sum(), new Tag("reason", "tcp-rejected"));
        registry.gauge(Metadata.builder().withName("beam.media.drops").withDescription(DROPS).build(), media,
                service -> service.engine().map(engine -> engine.sendFailures()).orElse(0L), new Tag("reason", "send"));
        SocketDrops kernel = new SocketDrops(Path.of("/proc/net"));
        registry.gauge(Metadata.builder().withName("beam.media.drops").withDescription(DROPS).build(), media,
                service -> kernel.on(Set.of(service.settings().port())), new Tag("reason", "kernel"));
        stats.onRefused(this::limitRefused);
        mediaGauge("beam.media.nacks", NACKS, s -> s.nacksReceived.sum(),
                new Tag("direction", "from-viewers"));
        mediaGauge("beam.media.nacks", NACKS, s -> s.nacksSent.sum(),
                new Tag("direction", "to-broadcasters"));
        mediaGauge("beam.media.probes", "Packets sent to probe viewers' bandwidth (result=sent), and probes that"
                + " raised a viewer's estimate (result=succeeded)", s -> s.probePackets.sum(), new Tag("result", "sent"));
        mediaGauge("beam.media.probes", "Packets sent to probe viewers' bandwidth (result=sent), and probes that"
                + " raised a viewer's estimate (result=succeeded)", s -> s.probesSucceeded.sum(),
                new Tag("result", "succeeded"));
        mediaGauge("beam.media.rtx.repairs", "Broadcasters' RTX packets unwrapped into the original stream's packet"
                + " (RFC 4588)", s -> s.rtxRepairs.sum());
        mediaGauge("beam.media.retransmissions", RETRANSMISSIONS, s -> s.retransmissions.sum(),
                new Tag("result", "sent"));
        mediaGauge("beam.media.retransmissions", RETRANSMISSIONS, s -> s.retransmissionsOverBudget.sum(),
                new Tag("result", "over-budget"));
        mediaGauge("beam.media.retransmissions", RETRANSMISSIONS, s -> s.retransmissionMisses.sum(),
                new Tag("result", "missed"));
        viewerGauge("beam.media.viewer.fraction.lost", "Average share of video lost, as viewers report it",
                ViewerReport::fractionLost);
        viewerGauge("beam.media.viewer.jitter.ms", "Average video jitter viewers report", ViewerReport::jitterMillis);
        viewerGauge("beam.media.viewer.rtt.ms", "Average round trip to viewers", report -> (double) report.rttMillis());
        registry.gauge(Metadata.builder().withName("beam.media.viewer.estimate.bps")
                .withDescription("Average bandwidth estimate of the viewers that negotiated transport-cc").build(),
                broadcasts, service -> service.viewerStatuses().stream().filter(s -> s.bandwidth() != null)
                        .mapToLong(s -> s.bandwidth().estimateBps()).average().orElse(0));
        for (int rank = 0; rank < 3; rank++) {
            int wanted = rank;
            registry.gauge(Metadata.builder().withName("beam.media.viewers.on.layer")
                    .withDescription("Viewers of simulcast broadcasts by the rank of the layer chosen for them (0 best)")
                    .build(), broadcasts, service -> service.viewerStatuses().stream()
                            .filter(s -> s.layer() != null && s.layer().rid() != null && s.layer().rank() == wanted)
                            .count(),
                    new Tag("rank", Integer.toString(rank)));
        }
        registry.gauge(Metadata.builder().withName("beam.media.port.up")
                .withDescription("1 while the media port is bound and serving, else 0 (readiness: media-udp-port)").build(),
                media, service -> service.ready() ? 1 : 0);
        for (PeerTransport transport : PeerTransport.values()) {
            registry.gauge(Metadata.builder().withName("beam.media.sessions").withDescription("Media sessions open now,"
                    + " by how their media travels: udp, tcp (ICE over TCP), relay (through TURN), none (no pair yet)")
                    .build(), media, service -> service.engine().map(engine -> engine.sessions(transport)).orElse(0),
                    new Tag("transport", transport.wireName()));
        }
        registry.gauge(Metadata.builder().withName("beam.media.tcp.connections")
                .withDescription("TCP connections to the media port open now (ICE over TCP), admitted or not yet").build(),
                media, service -> service.engine().map(engine -> engine.tcpConnections()).orElse(0));
        registry.gauge(Metadata.builder().withName("beam.media.pending.sessions")
                .withDescription("Media sessions opened and not yet connected (ICE and DTLS)").build(),
                media, service -> service.engine().map(engine -> engine.pendingSessions()).orElse(0));
        registry.gauge(Metadata.builder().withName("beam.media.dtls.handshakes.in.flight")
                .withDescription("DTLS handshakes running now, each holding a thread of the handshake pool").build(),
                media, service -> service.engine().map(engine -> engine.handshakesInFlight()).orElse(0));
        broadcasts.onLimitRefused(this::limitRefused);
    }

    private void viewerGauge(String name, String description, ToDoubleFunction<ViewerReport> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), broadcasts,
                service -> service.viewerReports().stream().filter(r -> r != ViewerReport.NONE).mapToDouble(value).average().orElse(0));
    }

    private void mediaGauge(String name, String description, Function<MediaStats, Long> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), media.stats(), value, tags);
    }

    /** A limit refused something: {@code beam_limits_refused_total{limit}}. */
    public void limitRefused(String limit) {
        // Cached: the media plane may report refusals at packet rates during a flood.
        refusalCounters.computeIfAbsent(limit, key -> registry.counter(Metadata.builder()
                .withName("beam.limits.refused")
                .withDescription("Requests, sessions or packets refused by a limit, by limit").build(),
                new Tag("limit", key))).inc();
    }

    /** A signaling message of this type was received and decoded. */
    public void messageReceived(String type) {
        registry.counter(Metadata.builder().withName("beam.signaling.messages")
                .withDescription("Signaling messages received, by type").build(), new Tag("type", type)).inc();
    }

    /** An error reply with this code was sent. */
    public void errorSent(String code) {
        registry.counter(Metadata.builder().withName("beam.signaling.errors")
                .withDescription("Signaling error replies, by code").build(), new Tag("code", code)).inc();
    }

    private void roomGauge(String name, String description, ToIntFunction<RoomSnapshot> perRoom) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                rooms, roomRegistry -> roomRegistry.snapshots().stream().mapToInt(perRoom).sum());
    }
}
