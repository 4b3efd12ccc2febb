package dev.beam.media;

import dev.beam.media.pipeline.TurnExecutor;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.send.ViewerTrack;
import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.DtlsHandshakes;
import dev.beam.media.transport.MediaPort;
import dev.beam.media.transport.PeerTransport;
import dev.beam.media.transport.SrtpTransformer;
import dev.beam.media.transport.WebRtcTransport;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The media plane's narrow API: open a broadcaster's or a viewer's session from what its offer
 * said, and get back what the answer must say. It owns the UDP port, the DTLS certificate and
 * the packet buffers, and runs on the executors the control plane hands in.
 */
public final class MediaEngine implements AutoCloseable {
    /** How often {@link #tick} should run: the pace of feedback to broadcasters. */
    public static final long TICK_MILLIS = 20;
    /** Packet buffers of the whole engine; past this, arriving packets are dropped. */
    private static final int POOL_PACKETS = 16_384;
    /** Handshakes computing at once: half the cores, so that a flood of them leaves the media the rest. */
    private static final int HANDSHAKE_CORES = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final MediaPort port;
    private final DtlsCertificate certificate;
    private final MediaContext context;
    private final PendingSessions pending;
    private final Set<BroadcasterSession> broadcasters = ConcurrentHashMap.newKeySet();
    private final Set<ViewerSession> viewers = ConcurrentHashMap.newKeySet();

    /**
     * @param workers  runs packet work: the peers' workers and the fan-out shards; must not be
     *                 given blocking work by others, and should have a thread per core
     * @param handshakePool runs the DTLS handshakes, which block while they wait for the peer:
     *                 a thread each, at once (virtual threads, so that waiting holds none)
     */
    public MediaEngine(MediaPort port, DtlsCertificate certificate, Executor workers, Executor handshakePool,
            Clock clock, LongSupplier nanoTime, MediaStats stats, EngineSettings settings) {
        this.port = port;
        this.certificate = certificate;
        // Every worker task sends through its thread's batch, sent when the task or a turn ends.
        TurnExecutor batched = new TurnExecutor() {
            @Override
            public void execute(Runnable task) {
                workers.execute(() -> port.senders().runBatched(task));
            }

            @Override
            public void endTurn() {
                port.senders().flush();
            }
        };
        this.context = new MediaContext(batched, new DtlsHandshakes(handshakePool, settings.maxHandshakes(),
                HANDSHAKE_CORES), nanoTime, clock, stats, new PacketPool(POOL_PACKETS), settings);
        this.pending = new PendingSessions(settings.maxPending(), stats);
        SrtpTransformer.warmUp();
    }

    public MediaStats stats() {
        return context.stats();
    }

    public EngineSettings settings() {
        return context.settings();
    }

    /** True while the UDP port is bound. */
    public boolean isReady() {
        return port.isOpen();
    }

    /** Datagrams the batched senders could not send. */
    public long sendFailures() {
        return port.senders().failed();
    }

    /** Media sessions open now. */
    public int sessions() {
        return broadcasters.size() + viewers.size();
    }

    /** Media sessions open now whose media travels so ({@link PeerTransport#NONE}: no pair selected yet). */
    public int sessions(PeerTransport transport) {
        int count = 0;
        for (BroadcasterSession broadcaster : broadcasters) {
            count += broadcaster.transport().transport() == transport ? 1 : 0;
        }
        for (ViewerSession viewer : viewers) {
            count += viewer.transport().transport() == transport ? 1 : 0;
        }
        return count;
    }

    /** TCP connections to the media port open now (ICE over TCP). */
    public int tcpConnections() {
        return port.tcpConnections();
    }

    /** Sessions opened and not yet connected (ICE and DTLS). */
    public int pendingSessions() {
        return pending.count();
    }

    /** DTLS handshakes running now. */
    public int handshakesInFlight() {
        return context.handshakes().inFlight();
    }

    /** What an answer says about the server's end of a session's transport. */
    public LocalParameters local(BroadcasterSession session) {
        return local(session.transport());
    }

    public LocalParameters local(ViewerSession session) {
        return local(session.transport());
    }

    /**
     * @param transportCcExtensionId the offer's id for transport-wide sequence numbers, 0 if not negotiated
     * @param maxBitrateBps          the ceiling the broadcaster is told in REMB
     * @throws MediaLimitException when {@link EngineSettings#maxPending} sessions are connecting already
     */
    public BroadcasterSession openBroadcaster(String peerId, String room, RemotePeer remote, List<SourceTrack> tracks,
            int transportCcExtensionId, long maxBitrateBps, SessionListener listener) throws IOException {
        PendingSessions.Slot slot = pending.take();
        BroadcasterSession[] opened = new BroadcasterSession[1];
        BroadcasterSession session;
        try {
            session = new BroadcasterSession(peerId, room, remote, tracks, transportCcExtensionId, maxBitrateBps,
                    context, transports(slot), reason -> {
                        broadcasters.remove(opened[0]);
                        listener.closed(reason);
                    });
        } catch (IOException | RuntimeException e) {
            slot.release();
            throw e;
        }
        opened[0] = session;
        broadcasters.add(session);
        session.transport().start(remote.iceUfrag(), remote.icePassword());
        return session;
    }

    /** @throws MediaLimitException when {@link EngineSettings#maxPending} sessions are connecting already */
    public ViewerSession openViewer(String peerId, BroadcasterSession broadcaster, RemotePeer remote,
            List<ViewerTrack> tracks, SessionListener listener) throws IOException {
        PendingSessions.Slot slot = pending.take();
        ViewerSession[] opened = new ViewerSession[1];
        ViewerSession session;
        try {
            session = new ViewerSession(peerId, broadcaster, remote, tracks, context, transports(slot), reason -> {
                viewers.remove(opened[0]);
                listener.closed(reason);
            });
        } catch (IOException | RuntimeException e) {
            slot.release();
            throw e;
        }
        opened[0] = session;
        viewers.add(session);
        broadcaster.add(session);
        session.transport().start(remote.iceUfrag(), remote.icePassword());
        return session;
    }

    /** Sends the RTCP each broadcaster is due; the control plane calls this every {@value #TICK_MILLIS} ms. */
    public void tick() {
        for (BroadcasterSession broadcaster : broadcasters) {
            broadcaster.tick();
        }
    }

    /**
     * Sends the consent checks that are due and closes the sessions whose consent ran out (RFC
     * 7675); the control plane calls this several times per consent interval.
     */
    public void keepConsent() {
        long now = context.nanoTime().getAsLong();
        for (BroadcasterSession broadcaster : broadcasters) {
            broadcaster.transport().keepConsent(now);
        }
        for (ViewerSession viewer : viewers) {
            viewer.transport().keepConsent(now);
        }
    }

    @Override
    public void close() {
        for (ViewerSession viewer : viewers) {
            viewer.transport().close("server stopping");
        }
        for (BroadcasterSession broadcaster : broadcasters) {
            broadcaster.transport().close("server stopping");
        }
        port.close();
    }

    /** Opens transports that give {@code slot} back when they connect or close. */
    private Transports transports(PendingSessions.Slot slot) {
        return (peerId, remoteFingerprint, handler) -> new WebRtcTransport(peerId, port, certificate,
                remoteFingerprint, context.handshakes(), context.pool(), context.stats(), context.nanoTime(),
                context.settings().consent(), slot.releasing(handler));
    }

    private LocalParameters local(WebRtcTransport transport) {
        return new LocalParameters(transport.iceUfrag(), transport.icePassword(), certificate.fingerprint(),
                port.candidates(), port.tcpCandidates());
    }
}
