package dev.beam.media.transport;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The server end of one peer's DTLS-SRTP handshake (RFC 5763, RFC 5764): DTLS 1.2 only (BC's
 * DTLS 1.3 fails against Chromium instead of falling back), ECDHE-ECDSA, a client certificate
 * required and checked against the fingerprint in the peer's offer, and use_srtp with our
 * preferred profile among those the client offers.
 */
final class DtlsServer extends DefaultTlsServer {
    private final DtlsCertificate certificate;
    private final String expectedFingerprint;
    private final int timeoutMillis;
    private SrtpProfile profile;
    private SrtpKeyingMaterial keys;

    /** @param timeoutMillis the whole handshake's limit, from the ClientHello */
    DtlsServer(DtlsCertificate certificate, String expectedFingerprint, int timeoutMillis) {
        super(new BcTlsCrypto(new SecureRandom()));
        this.certificate = certificate;
        this.expectedFingerprint = expectedFingerprint;
        this.timeoutMillis = timeoutMillis;
    }

    /** The SRTP keys, once the handshake completed. */
    Optional<SrtpKeyingMaterial> keys() {
        return Optional.ofNullable(keys);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        };
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return timeoutMillis;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return certificate.signer(context, (BcTlsCrypto) getCrypto());
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    /** RFC 5763 §5: the certificate must be the one whose fingerprint the offer carried. */
    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "the peer sent no certificate");
        }
        String actual = DtlsCertificate.fingerprintOf(clientCertificate);
        if (!actual.equalsIgnoreCase(expectedFingerprint)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "certificate fingerprint " + actual + " does not match the offer's " + expectedFingerprint);
        }
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the peer did not offer use_srtp");
        }
        for (int preferred : SrtpProfile.preferenceIds()) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == preferred) {
                    profile = SrtpProfile.fromId(id).orElseThrow();
                    return;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP protection profile in common");
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    /** RFC 5764 §4.2: keys come from the TLS exporter once the handshake is done. */
    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        int length = 2 * (profile.keyLength() + profile.saltLength());
        keys = SrtpKeyingMaterial.fromExported(profile,
                context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length));
    }
}
