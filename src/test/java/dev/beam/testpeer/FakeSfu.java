package dev.beam.testpeer;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.SrtpKeyingMaterial;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.media.transport.SrtpTransformer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.util.Buffer;

/**
 * TEST FIXTURE, not the Beam server: a minimal one-peer counterpart that mirrors the real server's
 * media plane (ice4j CONTROLLED agent on a SinglePortUdpHarvester on 127.0.0.1, BouncyCastle DTLS 1.2
 * server requesting the client certificate, SrtpTransformer.forServer) so the test peer can be
 * proven end to end before the server exists. It records what it decrypts and can send to the peer.
 */
final class FakeSfu implements AutoCloseable {

    static {
        AbstractUdpListener.USE_PUSH_API = true; // before any harvester exists (field notes)
    }

    private final SrtpProfile[] serverPreference;
    private final boolean lieAboutFingerprint;
    private final long[] sendSsrcs;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final SinglePortUdpHarvester harvester;
    private final Agent agent;
    private final Component component;
    private final QueueDatagramTransport dtls;
    final CompletableFuture<SrtpKeyingMaterial> handshake = new CompletableFuture<>();
    final BlockingQueue<byte[]> receivedRtp = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> receivedRtcp = new LinkedBlockingQueue<>();
    private volatile SrtpTransformer srtp;
    private volatile boolean closed;
    private Thread dtlsThread;

    /**
     * @param serverPreference profiles the fixture accepts, best first
     * @param lieAboutFingerprint put a wrong a=fingerprint in the answer (the peer must refuse)
     * @param sendSsrcs SSRCs (audio, video) announced in the answer for a recvonly offer
     */
    FakeSfu(SrtpProfile[] serverPreference, boolean lieAboutFingerprint, long... sendSsrcs) throws IOException {
        this.serverPreference = serverPreference.clone();
        this.lieAboutFingerprint = lieAboutFingerprint;
        this.sendSsrcs = sendSsrcs.clone();
        this.harvester = new SinglePortUdpHarvester(
                new TransportAddress(InetAddress.getLoopbackAddress(), freeUdpPort(), Transport.UDP));
        this.agent = IceSupport.newAgent(false);
        agent.addCandidateHarvester(harvester);
        IceMediaStream stream = agent.createMediaStream("bundle");
        this.component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
        this.dtls = new QueueDatagramTransport(component::send);
        component.setBufferCallback(this::onPacket);
    }

    /** Answers the offer and starts ICE (controlled) and the DTLS server. */
    String answer(String offer) {
        Sdp sdp = Sdp.parse(offer);
        Sdp.Media first = sdp.media.get(0);
        IceMediaStream stream = component.getParentStream();
        stream.setRemoteUfrag(sdp.attr(first, "ice-ufrag"));
        stream.setRemotePassword(sdp.attr(first, "ice-pwd"));
        String clientFingerprint = sdp.attr(first, "fingerprint").trim().split("\\s+")[1];
        // No remote candidates on purpose, like the real server: ice4j learns the peer as peer-reflexive.
        CompletableFuture<Void> ice = IceSupport.completion(agent);
        agent.startConnectivityEstablishment();
        dtlsThread = new Thread(() -> serve(ice, clientFingerprint), "fakesfu-dtls");
        dtlsThread.setDaemon(true);
        dtlsThread.start();

        int port = harvester.getLocalAddress().getPort();
        String fp = lieAboutFingerprint ? DtlsCertificate.generate().fingerprint() : certificate.fingerprint();
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n")
                .append("a=group:BUNDLE 0 1\r\n");
        for (int i = 0; i < sdp.media.size(); i++) {
            Sdp.Media m = sdp.media.get(i);
            int pt = m.formats().get(0);
            s.append("m=").append(m.kind()).append(' ').append(port).append(" UDP/TLS/RTP/SAVPF ").append(pt)
                    .append("\r\nc=IN IP4 127.0.0.1\r\n");
            if (i == 0) {
                s.append("a=candidate:1 1 udp 2130706431 127.0.0.1 ").append(port).append(" typ host\r\n");
            }
            s.append("a=ice-ufrag:").append(agent.getLocalUfrag()).append("\r\n")
                    .append("a=ice-pwd:").append(agent.getLocalPassword()).append("\r\n")
                    .append("a=fingerprint:sha-256 ").append(fp).append("\r\n")
                    .append("a=setup:passive\r\na=mid:").append(m.attr("mid")).append("\r\n")
                    .append("a=rtcp-mux\r\n");
            for (String rtpmap : m.all("rtpmap")) {
                s.append("a=rtpmap:").append(rtpmap).append("\r\n");
            }
            boolean peerReceives = Sdp.direction(m).equals("recvonly");
            s.append(peerReceives ? "a=sendonly\r\n" : "a=recvonly\r\n");
            if (peerReceives && i < sendSsrcs.length) {
                s.append("a=ssrc:").append(sendSsrcs[i]).append(" cname:fakesfu\r\n");
            }
        }
        return s.toString();
    }

    SrtpKeyingMaterial awaitHandshake(long timeoutMs) throws Exception {
        return handshake.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Encrypts a copy and sends it to the peer. */
    synchronized void sendRtp(byte[] plain) throws Exception {
        awaitHandshake(5000); // the peer may finish a moment before accept() returns here
        byte[] buf = Arrays.copyOf(plain, plain.length + SrtpTransformer.MAX_OVERHEAD);
        component.send(buf, 0, srtp.protectRtp(buf, 0, plain.length));
    }

    synchronized void sendRtcp(byte[] plain) throws Exception {
        awaitHandshake(5000);
        byte[] buf = Arrays.copyOf(plain, plain.length + SrtpTransformer.MAX_OVERHEAD);
        component.send(buf, 0, srtp.protectRtcp(buf, 0, plain.length));
    }

    /** Push API callback on ice4j's harvester thread; the Buffer goes back to a pool, so copy. */
    private void onPacket(Buffer b) {
        byte[] data = b.getBuffer();
        int off = b.getOffset();
        int len = b.getLength();
        int first = len > 0 ? data[off] & 0xFF : 0;
        if (first >= 20 && first <= 63) {
            dtls.offer(Arrays.copyOfRange(data, off, off + len));
        } else if (RtpPackets.isRtpOrRtcp(data, off, len) && srtp != null) {
            byte[] copy = Arrays.copyOfRange(data, off, off + len);
            boolean rtcp = RtpPackets.isRtcp(copy, 0, len);
            int n = rtcp ? srtp.unprotectRtcp(copy, 0, len) : srtp.unprotectRtp(copy, 0, len);
            if (n >= 0) {
                (rtcp ? receivedRtcp : receivedRtp).add(Arrays.copyOf(copy, n));
            }
        }
    }

    private void serve(CompletableFuture<Void> ice, String clientFingerprint) {
        try {
            // The ClientHello can arrive before this (controlled) side has a valid pair; component.send
            // would then throw "No valid pair" and abort accept(). Records queue up meanwhile.
            ice.get(10, TimeUnit.SECONDS);
            Server server = new Server(new BcTlsCrypto(new SecureRandom()), clientFingerprint);
            new DTLSServerProtocol().accept(server, dtls);
            srtp = SrtpTransformer.forServer(server.keys);
            handshake.complete(server.keys);
        } catch (Exception e) {
            handshake.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        dtls.close();
        agent.free();
        harvester.close();
        if (srtp != null) {
            srtp.close();
        }
    }

    private static int freeUdpPort() throws IOException {
        // SinglePortUdpHarvester advertises the port it was given, so it cannot be handed port 0.
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** DTLS 1.2 server as the real one is specified: ECDHE-ECDSA, client cert required, use_srtp. */
    private final class Server extends DefaultTlsServer {
        private final BcTlsCrypto crypto;
        private final String clientFingerprint;
        private SrtpProfile chosen;
        volatile SrtpKeyingMaterial keys;

        Server(BcTlsCrypto crypto, String clientFingerprint) {
            super(crypto);
            this.crypto = crypto;
            this.clientFingerprint = clientFingerprint;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384};
        }

        @Override
        public boolean requiresExtendedMasterSecret() {
            return true;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() {
            return certificate.signer(context, crypto);
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign},
                    TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            if (clientCertificate == null || clientCertificate.isEmpty()
                    || !DtlsCertificate.fingerprintOf(clientCertificate).equalsIgnoreCase(clientFingerprint)) {
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            if (offered != null) {
                for (SrtpProfile p : serverPreference) {
                    for (int id : offered.getProtectionProfiles()) {
                        if (chosen == null && id == p.id()) {
                            chosen = p;
                        }
                    }
                }
            }
            if (chosen == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {chosen.id()}, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            keys = SrtpKeyingMaterial.fromExported(chosen,
                    context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                            SrtpKeyingMaterial.exportLength(chosen)));
        }
    }
}
