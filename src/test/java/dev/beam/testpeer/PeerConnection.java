package dev.beam.testpeer;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.DtlsPacketQueue;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.testpeer.ice.IceAgent;
import dev.beam.testpeer.ice.IceCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSTransport;

/**
 * One WebRTC peer connection as a client: ICE as the controlling agent ({@link IceAgent}), then a
 * DTLS 1.2 client handshake ({@link PeerHandshake}) for the SRTP keys (RFC 5764), then SRTP and
 * SRTCP ({@link SecureMedia}). It reads no socket itself: whoever owns the reading (a thread of a
 * {@link TestPeer}, or a selector serving many peers) feeds it every datagram through
 * {@link #onDatagram}, on one thread at a time. It sends through its {@link PeerSocket} from any
 * thread.
 */
public final class PeerConnection implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long ICE_TICK_MILLIS = 20;
    private static final long CONSENT_TICK_MILLIS = 250;

    /** Where decrypted media goes, on the thread feeding {@link #onDatagram}, one call at a time. */
    public interface MediaSink {
        void onRtp(byte[] buf, int off, int len);

        void onRtcp(byte[] buf, int off, int len);
    }

    /** How the peer's DTLS goes: to the end, not at all once ICE is done, or a ClientHello and then nothing. */
    public enum Dtls { COMPLETE, SILENT, CLIENT_HELLO_ONLY }

    /** A network between server and peer: whether it loses this SRTP packet (decided on the clear header). */
    public interface InboundLoss {
        boolean loses(byte[] buf, int off, int len);
    }

    /**
     * How the connection runs: the ICE timeout, where the blocking DTLS handshake runs, the timer
     * for ICE retransmissions and consent, and the use_srtp profiles offered.
     */
    public record Settings(Duration iceTimeout, Executor handshakes, ScheduledExecutorService timer,
                           int[] srtpProfiles) {
        public Settings {
            srtpProfiles = srtpProfiles.clone();
        }
    }

    private final PeerSocket socket;
    private final DtlsCertificate certificate;
    private final Settings settings;
    private final IceCredentials localIce = IceCredentials.random(RANDOM);
    private final IceAgent ice;
    private final DtlsPacketQueue dtls;
    private final PeerHandshake handshake;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final SecureMedia media;
    private volatile String serverFingerprint;
    private volatile DTLSTransport dtlsTransport;
    private volatile ScheduledFuture<?> ticks;
    private volatile boolean closed;
    private volatile Dtls dtlsBehaviour = Dtls.COMPLETE;
    private volatile long startNanos;
    private volatile long iceNanos = -1;
    private volatile long dtlsNanos = -1;

    /** A connection on {@code channel}, which it owns and closes; bind it with {@link PeerSocket#openLoopback}. */
    public PeerConnection(DatagramChannel channel, DtlsCertificate certificate, Settings settings, MediaSink sink)
            throws IOException {
        this.socket = new PeerSocket(channel);
        this.certificate = certificate;
        this.settings = settings;
        this.dtls = new DtlsPacketQueue(socket::send);
        this.handshake = new PeerHandshake(certificate, settings.srtpProfiles(), RANDOM);
        this.media = new SecureMedia(sink, socket::send);
        this.ice = new IceAgent(localIce, socket::sendTo, new IceListener(), System::nanoTime, RANDOM);
    }

    public IceCredentials localIce() {
        return localIce;
    }

    public int localPort() {
        return socket.localPort();
    }

    public DatagramChannel channel() {
        return socket.channel();
    }

    /** The offer for this connection. */
    public String offer(OfferSpec spec, String name) {
        return OfferWriter.offer(spec, name, localIce, socket.localPort(), certificate.fingerprint());
    }

    /** Starts ICE towards the answer's loopback candidates; DTLS follows on the handshake executor. */
    public void start(Answer answer) {
        serverFingerprint = answer.fingerprint();
        startNanos = System.nanoTime();
        ticks = settings.timer().scheduleAtFixedRate(ice::tick, ICE_TICK_MILLIS, ICE_TICK_MILLIS, TimeUnit.MILLISECONDS);
        ice.start(answer.ice(), answer.candidates(), settings.iceTimeout());
        connected.whenComplete((ok, failure) -> {
            if (failure != null) {
                cancelTicks();
            }
        });
    }

    /** Completes once ICE and DTLS are done, exceptionally when either fails or the connection closes. */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    public boolean isConnected() {
        return connected.isDone() && !connected.isCompletedExceptionally() && !closed;
    }

    /** How this peer's handshake goes (for tests of a server under stalled handshakes); before {@link #start}. */
    public void dtls(Dtls behaviour) {
        dtlsBehaviour = behaviour;
    }

    /** Whether ICE has selected a pair. */
    public boolean isIceConnected() {
        return socket.selected() != null;
    }

    /** Sends a datagram as is to the pair ICE selected (for tests sending garbage); false before ICE. */
    public boolean sendRaw(byte[] datagram) {
        InetSocketAddress to = socket.selected();
        if (to == null || closed) {
            return false;
        }
        socket.sendTo(datagram, to);
        return true;
    }

    /** Makes a simulated network lose incoming SRTP packets it picks; null: none lost. */
    public void inboundLoss(InboundLoss loss) {
        media.inboundLoss(loss);
    }

    /** See {@link IceAgent#answerConsentChecks}. */
    public void answerConsentChecks(boolean answer) {
        ice.answerConsentChecks(answer);
    }

    /** Sends consent checks of our own this often once connected (RFC 7675 §5.1); off by default. */
    public void sendConsentChecks(Duration interval) {
        ice.sendConsentChecks(interval);
    }

    public long consentChecksAnswered() {
        return ice.consentChecksAnswered();
    }

    public long consentChecksIgnored() {
        return ice.consentChecksIgnored();
    }

    public long consentResponses() {
        return ice.consentResponses();
    }

    /** Datagrams that could not be sent (the socket buffer was full, or it was closed). */
    public long sendFailures() {
        return socket.failures();
    }

    /**
     * Demultiplexes one datagram by its first byte, RFC 7983 §7: 0..3 STUN, 20..63 DTLS, 128..191
     * RTP or RTCP (RTCP when the second byte is 192..223, RFC 5761 §4). {@code buf} is the
     * caller's scratch: media is decrypted in place.
     */
    public void onDatagram(byte[] buf, int off, int len, InetSocketAddress from) {
        if (closed || len < 1) {
            return;
        }
        int first = buf[off] & 0xFF;
        if (first <= 3) {
            ice.onStun(buf, off, len, from);
        } else if (!from.equals(socket.selected())) {
            return; // DTLS and media only on the pair ICE selected
        } else if (first >= 20 && first <= 63) {
            dtls.offer(buf, off, len);
        } else if (first >= 128 && first <= 191 && len >= 8) {
            media.onPacket(buf, off, len);
        }
    }

    /** Encrypts a copy of the plain RTP packet and sends it to the selected pair. */
    public void sendRtp(byte[] plain, int off, int len) {
        requireOpen();
        media.sendRtp(plain, off, len);
    }

    /** Encrypts a copy of the plain RTCP compound packet and sends it. */
    public void sendRtcp(byte[] plain, int off, int len) {
        requireOpen();
        media.sendRtcp(plain, off, len);
    }

    /** The negotiated SRTP profile, once connected. */
    public SrtpProfile srtpProfile() {
        requireOpen();
        return media.profile();
    }

    /** From start to ICE connected, and from then to DTLS done; null until known. */
    public Duration iceDuration() {
        return iceNanos < 0 ? null : Duration.ofNanos(iceNanos);
    }

    public Duration dtlsDuration() {
        return dtlsNanos < 0 ? null : Duration.ofNanos(dtlsNanos);
    }

    public String iceState() {
        return ice.state().name();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connected.completeExceptionally(new IOException("closed"));
        cancelTicks();
        DTLSTransport t = dtlsTransport;
        if (t != null) {
            try {
                t.close(); // close_notify, as a browser does when its PeerConnection closes
            } catch (IOException ignored) {
                // the server may be gone already
            }
        }
        ice.close();
        dtls.close();
        socket.close();
        media.close();
    }

    private void handshake() {
        try {
            long iceDone = System.nanoTime();
            PeerHandshake.Outcome outcome = handshake.run(dtls, serverFingerprint, dtlsBehaviour);
            dtlsTransport = outcome.transport();
            dtlsNanos = System.nanoTime() - iceDone;
            if (media.keyed(outcome.keys())) {
                connected.complete(null);
            }
        } catch (IOException | RuntimeException e) {
            connected.completeExceptionally(e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("connection closed");
        }
    }

    private void cancelTicks() {
        ScheduledFuture<?> t = ticks;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** ICE's outcome: on success DTLS starts; consent needs a slower tick from then on. */
    private final class IceListener implements IceAgent.Listener {
        @Override
        public void onConnected(InetSocketAddress selected) {
            socket.select(selected);
            iceNanos = System.nanoTime() - startNanos;
            cancelTicks();
            ticks = settings.timer().scheduleAtFixedRate(ice::tick, CONSENT_TICK_MILLIS, CONSENT_TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
            if (dtlsBehaviour != Dtls.SILENT) {
                settings.handshakes().execute(PeerConnection.this::handshake);
            }
        }

        @Override
        public void onFailed(String reason) {
            connected.completeExceptionally(new IOException("ICE failed: " + reason));
        }
    }
}
