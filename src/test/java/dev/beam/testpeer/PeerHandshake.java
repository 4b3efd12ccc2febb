package dev.beam.testpeer;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.SrtpKeyingMaterial;
import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The peer's DTLS 1.2 client handshake (RFC 6347) that keys SRTP (RFC 5764), carried out as its
 * {@link PeerConnection.Dtls} behaviour says. BouncyCastle blocks the calling thread until the
 * handshake ends, so it runs on the handshake executor.
 */
final class PeerHandshake {
    private final DtlsCertificate certificate;
    private final int[] srtpProfiles;
    private final SecureRandom random;

    /** A completed handshake: its transport (to send close_notify on) and the SRTP keys. */
    record Outcome(DTLSTransport transport, SrtpKeyingMaterial keys) {
    }

    PeerHandshake(DtlsCertificate certificate, int[] srtpProfiles, SecureRandom random) {
        this.certificate = certificate;
        this.srtpProfiles = srtpProfiles.clone();
        this.random = random;
    }

    /** Shakes hands over {@code records} with the server whose certificate has this fingerprint. */
    Outcome run(DatagramTransport records, String serverFingerprint, PeerConnection.Dtls behaviour)
            throws IOException {
        PeerDtlsClient client = new PeerDtlsClient(new BcTlsCrypto(random), certificate, serverFingerprint, srtpProfiles);
        DatagramTransport transport = behaviour == PeerConnection.Dtls.CLIENT_HELLO_ONLY
                ? new FirstFlightOnly(records) : records;
        DTLSTransport dtls = new DTLSClientProtocol().connect(client, transport);
        return new Outcome(dtls, client.keys());
    }
}
