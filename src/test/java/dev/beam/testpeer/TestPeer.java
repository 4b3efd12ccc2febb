package dev.beam.testpeer;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.SrtpProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A WebRTC client for tests that talks to Beam the way a browser does: an SDP offer (BUNDLE,
 * rtcp-mux), a {@link PeerConnection} (lean ICE as the controlling agent on 127.0.0.1, DTLS 1.2
 * client, SRTP), and one thread of its own reading the socket, which queues what arrives for the
 * test. The DTLS handshake runs on a thread of its own too, while it lasts.
 */
public final class TestPeer implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Duration ICE_TIMEOUT = Duration.ofSeconds(10);

    private final OfferSpec spec;
    private final String name = "testpeer-" + IDS.incrementAndGet();
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final ReceivedMedia media = new ReceivedMedia();
    private final PeerConnection connection;
    private volatile Answer answer;
    private Thread reader;

    private TestPeer(OfferSpec spec, int[] srtpProfiles) throws IOException {
        this.spec = spec;
        DatagramChannel channel = PeerSocket.openLoopback(true);
        PeerConnection.Settings settings = new PeerConnection.Settings(ICE_TIMEOUT, PeerThreads.HANDSHAKE,
                PeerThreads.TIMER, srtpProfiles);
        this.connection = new PeerConnection(channel, certificate, settings, media);
        connection.inboundLoss(media);
    }

    public static TestPeer create(OfferSpec spec) {
        return create(spec, SrtpProfile.preferenceIds());
    }

    /** As {@link #create(OfferSpec)}, offering only the given use_srtp profile ids (e.g. to force one). */
    public static TestPeer create(OfferSpec spec, int... srtpProfileIds) {
        try {
            return new TestPeer(spec, srtpProfileIds);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket on 127.0.0.1", e);
        }
    }

    /** How this peer's DTLS handshake goes; call before {@link #accept}. */
    public TestPeer dtls(PeerConnection.Dtls behaviour) {
        connection.dtls(behaviour);
        return this;
    }

    public boolean isIceConnected() {
        return connection.isIceConnected();
    }

    /** Sends a datagram as is to the server's address ICE selected; false before ICE connects. */
    public boolean sendRaw(byte[] datagram) {
        return connection.sendRaw(datagram);
    }

    /** The SDP offer; the same text every call. */
    public String offer() {
        return connection.offer(spec, name);
    }

    /** Parses the answer and starts ICE, then DTLS, in the background; see {@link #awaitConnected}. */
    public synchronized void accept(String answerSdp) {
        if (reader != null) {
            throw new IllegalStateException("answer already accepted");
        }
        Answer a = Answer.parse(answerSdp);
        answer = a;
        media.answer(a);
        reader = PeerThreads.daemon(this::readLoop, name + "-recv");
        reader.start();
        connection.start(a);
    }

    /** Blocks until ICE and DTLS are done; throws IllegalStateException with the cause otherwise. */
    public void awaitConnected(Duration timeout) {
        try {
            connection.connected().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " not connected within " + timeout + " (ICE "
                    + connection.iceState() + ")");
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " failed to connect: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Encrypts a copy of the plain RTP packet and sends it on the selected pair. */
    public void sendRtp(byte[] plainRtp, int off, int len) {
        connection.sendRtp(plainRtp, off, len);
    }

    public void sendRtcp(byte[] plainRtcp, int off, int len) {
        connection.sendRtcp(plainRtcp, off, len);
    }

    /** Decrypted RTP packets (copies), in arrival order. */
    public BlockingQueue<byte[]> receivedRtp() {
        return media.rtp();
    }

    public BlockingQueue<byte[]> receivedRtcp() {
        return media.rtcp();
    }

    /** First payload type of the answer's m-section of this kind ("audio" or "video"). */
    public int answerPayloadType(String kind) {
        return requireAnswer().payloadType(kind);
    }

    /** First a=ssrc of the answer's m-section of this kind (what the server will send), or -1. */
    public long answerSsrc(String kind) {
        return requireAnswer().ssrc(kind);
    }

    public String fingerprint() {
        return certificate.fingerprint();
    }

    /** The negotiated SRTP profile once connected. */
    public SrtpProfile srtpProfile() {
        return connection.srtpProfile();
    }

    /** Time from accept() to ICE connected, and from then to DTLS done (null until known). */
    public Duration iceDuration() {
        return connection.iceDuration();
    }

    public Duration dtlsDuration() {
        return connection.dtlsDuration();
    }

    /** Makes this peer lose the video packets with these sequence numbers when first sent. */
    public void loseVideo(IntPredicate sequenceNumbers) {
        media.loseVideo(sequenceNumbers);
    }

    /** How many lost packets came back, as RTX or on the original SSRC. */
    public int retransmissionsReceived() {
        return media.retransmissions();
    }

    /** Whether to answer the server's consent checks (RFC 7675) once connected; yes by default. */
    public void answerConsentChecks(boolean answer) {
        connection.answerConsentChecks(answer);
    }

    /** Sends consent checks of its own this often once connected, as libdatachannel does; off by default. */
    public void sendConsentChecks(Duration interval) {
        connection.sendConsentChecks(interval);
    }

    /** The server's consent checks this peer answered since it connected. */
    public long consentChecksAnswered() {
        return connection.consentChecksAnswered();
    }

    @Override
    public void close() {
        connection.close(); // closes the channel, which ends the read loop
        Thread r;
        synchronized (this) {
            r = reader;
        }
        if (r != null && r != Thread.currentThread()) {
            try {
                r.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readLoop() {
        DatagramChannel channel = connection.channel();
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                connection.onDatagram(buffer.array(), 0, buffer.position(), from);
            }
        } catch (ClosedChannelException e) {
            // close(): done
        } catch (IOException e) {
            connection.close();
        }
    }

    private Answer requireAnswer() {
        Answer a = answer;
        if (a == null) {
            throw new IllegalArgumentException("no answer accepted yet");
        }
        return a;
    }
}
