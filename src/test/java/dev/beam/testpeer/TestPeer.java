package dev.beam.testpeer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.DtlsPacketQueue;
import dev.beam.media.rtp.Rtx;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.media.transport.SrtpTransformer;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.ice4j.ice.Agent;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.KeepAliveStrategy;

/**
 * A WebRTC client for tests and load generation that talks to Beam the way a browser does:
 * SDP offer (BUNDLE, rtcp-mux), ICE as the controlling agent with ice4j on 127.0.0.1, DTLS 1.2
 * client with use_srtp (the server answers a=setup:passive), then SRTP/SRTCP via
 * {@link SrtpTransformer#forClient}. Two threads of its own: a receive loop and the DTLS connect.
 */
public final class TestPeer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String[] KINDS = {"audio", "video"};

    private final OfferSpec spec;
    private final String name = "testpeer-" + IDS.incrementAndGet();
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final HostCandidate hostCandidate;
    private final DtlsPacketQueue dtls;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final BlockingQueue<byte[]> receivedRtp = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> receivedRtcp = new LinkedBlockingQueue<>();
    private final Map<String, Integer> answerPts = new HashMap<>();
    private final Map<String, Long> answerSsrcs = new HashMap<>();
    private volatile int answerRtxPt;
    private volatile java.util.function.IntPredicate lose = seq -> false;
    /** Video this peer lost on purpose; guarded by rxLock. */
    private final java.util.Set<Integer> lost = new java.util.HashSet<>();
    private final java.util.concurrent.atomic.AtomicInteger retransmissionsReceived = new java.util.concurrent.atomic.AtomicInteger();
    private final int[] offeredProfiles;

    private static final int MAX_EARLY = 64;
    private final Object rxLock = new Object();
    private final List<byte[]> early = new ArrayList<>(); // guarded by rxLock
    private volatile SrtpTransformer srtp;
    private volatile boolean closed;
    private volatile long iceNanos = -1;
    private volatile long dtlsNanos = -1;
    private Thread receiver;
    private Thread dtlsThread;
    private volatile DTLSTransport dtlsTransport;

    private TestPeer(OfferSpec spec, int[] offeredProfiles) throws IOException {
        this.spec = spec;
        this.offeredProfiles = offeredProfiles;
        this.agent = IceSupport.newAgent(true);
        // Without host harvesting ice4j warns "No host harvesters available" for every peer, and
        // "Removing the active socket" on free(): both expected here, so only errors are logged.
        agent.setLoggingLevel(Level.SEVERE);
        try {
            this.stream = agent.createMediaStream("bundle");
            this.component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
            this.hostCandidate = IceSupport.addLoopbackHostCandidate(agent, component);
        } catch (IOException | RuntimeException e) {
            agent.free();
            throw e;
        }
        this.dtls = new DtlsPacketQueue(component::send);
    }

    public static TestPeer create(OfferSpec spec) {
        return create(spec, SrtpProfile.preferenceIds());
    }

    /** As {@link #create(OfferSpec)}, offering only the given use_srtp profile ids (e.g. to force one). */
    public static TestPeer create(OfferSpec spec, int... srtpProfileIds) {
        try {
            return new TestPeer(spec, srtpProfileIds);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create ICE agent", e);
        }
    }

    /** The SDP offer; the same text every call. */
    public String offer() {
        int port = hostCandidate.getTransportAddress().getPort();
        StringBuilder s = new StringBuilder();
        line(s, "v=0");
        line(s, "o=- " + Math.abs(name.hashCode()) + " 2 IN IP4 127.0.0.1");
        line(s, "s=-");
        line(s, "t=0 0");
        line(s, "a=group:BUNDLE 0 1");
        line(s, "a=msid-semantic:WMS " + name);
        for (int mid = 0; mid < 2; mid++) {
            String kind = KINDS[mid];
            int pt = spec.payloadType(kind);
            boolean rtx = kind.equals("video") && spec.role() == OfferSpec.Role.RECEIVE && spec.rtx();
            line(s, "m=" + kind + " " + port + " UDP/TLS/RTP/SAVPF " + pt + (rtx ? " " + rtxPayloadType() : ""));
            line(s, "c=IN IP4 127.0.0.1");
            if (mid == 0) { // BUNDLE: candidates belong to the first (tagged) m-section, RFC 8843 §7.1
                line(s, "a=candidate:1 1 udp " + hostCandidate.getPriority() + " 127.0.0.1 " + port + " typ host");
                line(s, "a=end-of-candidates");
            }
            line(s, "a=ice-ufrag:" + agent.getLocalUfrag());
            line(s, "a=ice-pwd:" + agent.getLocalPassword());
            line(s, "a=fingerprint:sha-256 " + certificate.fingerprint());
            line(s, "a=setup:actpass");
            line(s, "a=mid:" + mid);
            line(s, "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid");
            line(s, spec.role() == OfferSpec.Role.SEND ? "a=sendonly" : "a=recvonly");
            line(s, "a=rtcp-mux");
            if (kind.equals("audio")) {
                line(s, "a=rtpmap:" + pt + " opus/48000/2");
                line(s, "a=fmtp:" + pt + " minptime=10;useinbandfec=1");
            } else {
                line(s, "a=rtpmap:" + pt + " VP8/90000");
                line(s, "a=rtcp-fb:" + pt + " nack");
                line(s, "a=rtcp-fb:" + pt + " nack pli");
                line(s, "a=rtcp-fb:" + pt + " ccm fir");
                if (rtx) {
                    line(s, "a=rtpmap:" + rtxPayloadType() + " rtx/90000");
                    line(s, "a=fmtp:" + rtxPayloadType() + " apt=" + pt);
                }
            }
            if (spec.role() == OfferSpec.Role.SEND) {
                long ssrc = kind.equals("audio") ? spec.audioSsrc() : spec.videoSsrc();
                line(s, "a=msid:" + name + " " + kind + "0");
                line(s, "a=ssrc:" + ssrc + " cname:" + name);
                line(s, "a=ssrc:" + ssrc + " msid:" + name + " " + kind + "0");
            }
        }
        return s.toString();
    }

    /** Parses the answer and starts ICE, then DTLS, in the background; see {@link #awaitConnected}. */
    public void accept(String answer) {
        if (dtlsThread != null) {
            throw new IllegalStateException("answer already accepted");
        }
        Sdp sdp = Sdp.parse(answer);
        Sdp.Media first = sdp.media.get(0);
        String ufrag = require(sdp.attr(first, "ice-ufrag"), "ice-ufrag");
        String pwd = require(sdp.attr(first, "ice-pwd"), "ice-pwd");
        String[] fp = require(sdp.attr(first, "fingerprint"), "fingerprint").trim().split("\\s+");
        if (fp.length != 2 || !fp[0].equalsIgnoreCase("sha-256")) {
            throw new IllegalArgumentException("need a sha-256 fingerprint, got " + Arrays.toString(fp));
        }
        String setup = sdp.attr(first, "setup");
        if (setup != null && !setup.equals("passive")) {
            throw new IllegalArgumentException("the test peer is DTLS client only; answer has a=setup:" + setup);
        }
        for (String kind : KINDS) {
            Sdp.Media m = sdp.byKind(kind);
            answerPts.put(kind, m.formats().get(0));
            if (kind.equals("video") && m.formats().size() > 1) {
                answerRtxPt = m.formats().get(1);
            }
            List<Long> ssrcs = Sdp.ssrcs(m);
            if (!ssrcs.isEmpty()) {
                answerSsrcs.put(kind, ssrcs.get(0));
            }
        }
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(pwd);
        // A test tool: it only ever sends to loopback, whatever else the server announces.
        for (Sdp.Media m : sdp.media) {
            for (String c : m.all("candidate")) {
                Sdp.Candidate candidate = Sdp.Candidate.parse(c);
                if (candidate.ip().startsWith("127.")) {
                    IceSupport.addRemoteCandidate(component, candidate);
                }
            }
        }
        long start = System.nanoTime();
        CompletableFuture<Void> ice = IceSupport.completion(agent);
        receiver = daemon(name + "-recv", this::receiveLoop);
        dtlsThread = daemon(name + "-dtls", () -> connect(ice, start, fp[1]));
        receiver.start();
        agent.startConnectivityEstablishment();
        dtlsThread.start();
    }

    /** Blocks until ICE and DTLS are done; throws IllegalStateException with the cause otherwise. */
    public void awaitConnected(Duration timeout) {
        try {
            connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " not connected within " + timeout + " (ICE "
                    + agent.getState() + ")");
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " failed to connect: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isConnected() {
        return connected.isDone() && !connected.isCompletedExceptionally();
    }

    /** Encrypts a copy of the plain RTP packet and sends it on the selected pair. */
    public synchronized void sendRtp(byte[] plainRtp, int off, int len) {
        SrtpTransformer tx = requireSrtp();
        byte[] buf = Arrays.copyOfRange(plainRtp, off, off + len + SrtpTransformer.MAX_OVERHEAD);
        send(buf, tx.protectRtp(buf, 0, len));
    }

    public synchronized void sendRtcp(byte[] plainRtcp, int off, int len) {
        SrtpTransformer tx = requireSrtp();
        byte[] buf = Arrays.copyOfRange(plainRtcp, off, off + len + SrtpTransformer.MAX_OVERHEAD);
        send(buf, tx.protectRtcp(buf, 0, len));
    }

    /** Decrypted RTP packets (copies), in arrival order. */
    public BlockingQueue<byte[]> receivedRtp() {
        return receivedRtp;
    }

    public BlockingQueue<byte[]> receivedRtcp() {
        return receivedRtcp;
    }

    /** First payload type of the answer's m-section of this kind ("audio" or "video"). */
    public int answerPayloadType(String kind) {
        return require(answerPts.get(kind), "answer for " + kind);
    }

    /** First a=ssrc of the answer's m-section of this kind (what the server will send), or -1. */
    public long answerSsrc(String kind) {
        return answerSsrcs.getOrDefault(kind, -1L);
    }

    public String fingerprint() {
        return certificate.fingerprint();
    }

    /** The negotiated SRTP profile once connected. */
    public SrtpProfile srtpProfile() {
        return requireSrtp().profile();
    }

    /** Time from accept() to ICE COMPLETED, and from then to DTLS done (null until known). */
    public Duration iceDuration() {
        return iceNanos < 0 ? null : Duration.ofNanos(iceNanos);
    }

    public Duration dtlsDuration() {
        return dtlsNanos < 0 ? null : Duration.ofNanos(dtlsNanos);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connected.completeExceptionally(new IOException("closed"));
        DTLSTransport t = dtlsTransport;
        if (t != null) {
            try {
                t.close(); // close_notify, as a browser does when the PeerConnection closes
            } catch (IOException ignored) {
                // the peer may already be gone
            }
        }
        dtls.close();
        agent.free(); // closes the candidate sockets, which ends the receive loop
        join(dtlsThread);
        join(receiver);
        SrtpTransformer tx = srtp;
        if (tx != null) {
            tx.close();
        }
    }

    Agent agent() { // for ICE life-cycle tests
        return agent;
    }

    private void connect(CompletableFuture<Void> ice, long start, String fingerprint) {
        try {
            ice.get(30, TimeUnit.SECONDS);
            long iceDone = System.nanoTime();
            iceNanos = iceDone - start;
            PeerDtlsClient client = new PeerDtlsClient(new BcTlsCrypto(RANDOM), certificate, fingerprint,
                    offeredProfiles);
            dtlsTransport = new DTLSClientProtocol().connect(client, dtls);
            dtlsNanos = System.nanoTime() - iceDone;
            synchronized (rxLock) {
                srtp = SrtpTransformer.forClient(client.keys());
                for (byte[] p : early) {
                    deliver(p, p.length);
                }
                early.clear();
            }
            connected.complete(null);
        } catch (Exception e) {
            connected.completeExceptionally(e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** RFC 7983 demultiplexing: DTLS 20..63, RTP/RTCP 128..191 (STUN never gets past ice4j). */
    private void receiveLoop() {
        byte[] buf = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        DatagramSocket socket = component.getSocket();
        while (!closed) {
            try {
                packet.setData(buf, 0, buf.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    connected.completeExceptionally(e);
                }
                return;
            }
            int len = packet.getLength();
            int first = len > 0 ? buf[0] & 0xFF : 0;
            if (first >= 20 && first <= 63) {
                dtls.offer(buf, 0, len);
            } else if (RtpPackets.isRtpOrRtcp(buf, 0, len)) {
                synchronized (rxLock) {
                    if (srtp == null) {
                        // The server may send media right after its last flight, before connect()
                        // returns here: keep a few packets instead of dropping them.
                        if (early.size() < MAX_EARLY) {
                            early.add(Arrays.copyOf(buf, len));
                        }
                    } else {
                        deliver(buf, len);
                    }
                }
            }
        }
    }

    /**
     * Unprotects and queues a copy; callers hold rxLock, so unprotect is one thread at a time.
     * RTX (RFC 4588) is unwrapped into the packet it carries; video the test chose to lose is
     * dropped here, as the network would have.
     */
    private void deliver(byte[] buf, int len) {
        boolean rtcp = RtpPackets.isRtcp(buf, 0, len);
        if (!rtcp && losesOnTheWay(buf, len)) {
            return;
        }
        int n = rtcp ? srtp.unprotectRtcp(buf, 0, len) : srtp.unprotectRtp(buf, 0, len);
        if (n < 0) {
            return;
        }
        if (rtcp) {
            receivedRtcp.add(Arrays.copyOf(buf, n));
            return;
        }
        int pt = RtpPackets.payloadType(Arrays.copyOf(buf, n));
        if (answerRtxPt != 0 && pt == answerRtxPt) {
            byte[] original = new byte[n];
            int length = Rtx.unwrapRtx(buf, 0, n, original, 0, answerPts.get("video"), answerSsrcs.get("video"));
            if (length > 0) {
                retransmissionsReceived.incrementAndGet();
                receivedRtp.add(Arrays.copyOf(original, length));
            }
            return;
        }
        if (answerPts.containsKey("video") && pt == answerPts.get("video")
                && lost.contains(RtpPackets.sequenceNumber(Arrays.copyOf(buf, n)))) {
            retransmissionsReceived.incrementAndGet();
        }
        receivedRtp.add(Arrays.copyOf(buf, n));
    }

    /**
     * Whether this is video the test chose to lose, decided on the SRTP packet's clear header
     * before decryption, as a network would: a packet lost after SRTP saw it would make the
     * retransmission look like a replay.
     */
    private boolean losesOnTheWay(byte[] buf, int len) {
        Integer videoPt = answerPts.get("video");
        if (len < 12 || videoPt == null || (buf[1] & 0x7F) != videoPt) {
            return false;
        }
        int seq = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
        if (lost.contains(seq) || !lose.test(seq)) {
            return false;
        }
        lost.add(seq);
        return true;
    }

    /** The RTX payload type a receiving peer offers for its video (RFC 4588 §8.1). */
    private int rtxPayloadType() {
        int candidate = spec.videoPt() == 127 ? 126 : spec.videoPt() + 1;
        return candidate == spec.audioPt() ? candidate - 2 : candidate;
    }

    /** Makes this peer lose the video packets with these sequence numbers when first sent. */
    public void loseVideo(java.util.function.IntPredicate sequenceNumbers) {
        this.lose = sequenceNumbers;
    }

    /** How many lost packets came back, as RTX or on the original SSRC. */
    public int retransmissionsReceived() {
        return retransmissionsReceived.get();
    }

    private void send(byte[] buf, int len) {
        if (len < 0) {
            throw new IllegalStateException("SRTP refused the packet (sequence number reused?)");
        }
        try {
            component.send(buf, 0, len);
        } catch (IOException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    private SrtpTransformer requireSrtp() {
        SrtpTransformer tx = srtp;
        if (tx == null || closed) {
            throw new IllegalStateException(name + " is not connected");
        }
        return tx;
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void join(Thread t) {
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T require(T v, String what) {
        if (v == null) {
            throw new IllegalArgumentException("answer lacks " + what);
        }
        return v;
    }

    private static void line(StringBuilder s, String l) {
        s.append(l).append("\r\n");
    }
}
