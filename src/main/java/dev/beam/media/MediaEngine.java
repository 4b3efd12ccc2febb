package dev.beam.media;

import dev.beam.media.forward.Broadcast;
import dev.beam.media.forward.SourceTrack;
import dev.beam.media.forward.ViewerTrack;
import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.MediaPort;
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
 * said, and get back what the answer must say. It owns the UDP port and the DTLS certificate,
 * and runs on the executor the control plane hands in.
 */
public final class MediaEngine implements AutoCloseable {
    /** How often {@link #tick} should run: the pace of NACK retries toward broadcasters. */
    public static final long TICK_MILLIS = 20;

    private final MediaPort port;
    private final DtlsCertificate certificate;
    private final Executor executor;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final MediaStats stats;
    private final Set<WebRtcTransport> transports = ConcurrentHashMap.newKeySet();
    private final Set<Broadcast> broadcasts = ConcurrentHashMap.newKeySet();

    public MediaEngine(MediaPort port, DtlsCertificate certificate, Executor executor, Clock clock,
            LongSupplier nanoTime, MediaStats stats) {
        this.port = port;
        this.certificate = certificate;
        this.executor = executor;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.stats = stats;
        SrtpTransformer.warmUp();
    }

    public MediaStats stats() {
        return stats;
    }

    /** True while the UDP port is bound. */
    public boolean isReady() {
        return port.isOpen();
    }

    public int sessions() {
        return transports.size();
    }

    /**
     * @param transportCcExtensionId the offer's id for transport-wide sequence numbers, 0 if not negotiated
     * @param maxBitrateBps          the ceiling the broadcaster is told in REMB
     */
    public Publication publish(String peerId, String room, RemotePeer remote, List<SourceTrack> tracks,
            boolean firOnly, int transportCcExtensionId, long maxBitrateBps, SessionListener listener) throws IOException {
        Broadcast broadcast = new Broadcast(room, tracks, firOnly, transportCcExtensionId, maxBitrateBps, executor, clock,
                nanoTime, stats);
        Publication publication = new Publication(broadcast, listener, transport -> {
            transports.remove(transport);
            broadcasts.remove(broadcast);
        });
        broadcasts.add(broadcast);
        WebRtcTransport transport = open(peerId, remote, publication);
        publication.attach(transport, local(transport));
        transport.start(remote.iceUfrag(), remote.icePassword());
        return publication;
    }

    public Subscription subscribe(String peerId, Publication publication, RemotePeer remote, List<ViewerTrack> tracks,
            SessionListener listener) throws IOException {
        Subscription subscription = new Subscription(peerId, publication.broadcast(), tracks, listener, transports::remove);
        WebRtcTransport transport = open(peerId, remote, subscription);
        subscription.attach(transport, local(transport));
        transport.start(remote.iceUfrag(), remote.icePassword());
        return subscription;
    }

    /** Sends the RTCP each broadcaster is due; the control plane calls this every {@value #TICK_MILLIS} ms. */
    public void tick() {
        for (Broadcast broadcast : broadcasts) {
            broadcast.tick();
        }
    }

    /** Closes the sessions whose peer went quiet; the control plane calls this every few seconds. */
    public void checkAlive() {
        long now = nanoTime.getAsLong();
        for (WebRtcTransport transport : transports) {
            transport.checkAlive(now);
        }
    }

    @Override
    public void close() {
        for (WebRtcTransport transport : transports) {
            transport.close("server stopping");
        }
        port.close();
    }

    private WebRtcTransport open(String peerId, RemotePeer remote, WebRtcTransport.Handler handler) throws IOException {
        WebRtcTransport transport = new WebRtcTransport(peerId, port, certificate, remote.fingerprint(), executor,
                stats, nanoTime, handler);
        transports.add(transport);
        return transport;
    }

    private LocalParameters local(WebRtcTransport transport) {
        return new LocalParameters(transport.iceUfrag(), transport.icePassword(), certificate.fingerprint(),
                port.candidates());
    }
}
