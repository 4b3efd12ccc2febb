package dev.beam.testpeer;

import java.io.IOException;
import java.util.Hashtable;

import dev.beam.media.transport.DtlsCertificate;
import dev.beam.media.transport.SrtpKeyingMaterial;
import dev.beam.media.transport.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The test peer's DTLS 1.2 client, shaped like a browser's: ECDHE-ECDSA suites, a self-signed
 * client certificate, use_srtp offering both profiles (RFC 5764 §4.1.1), and the server's
 * certificate checked against the SDP fingerprint instead of a CA (RFC 8122 §5).
 */
final class PeerDtlsClient extends DefaultTlsClient {

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final String expectedFingerprint;
    private final int[] offeredProfiles;
    private volatile SrtpProfile profile;
    private volatile SrtpKeyingMaterial keys;

    PeerDtlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, String expectedFingerprint,
                   int[] offeredProfiles) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.expectedFingerprint = expectedFingerprint;
        this.offeredProfiles = offeredProfiles.clone();
    }

    SrtpKeyingMaterial keys() {
        return keys;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only(); // BC's DTLS 1.3 is not usable (field notes)
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return new int[] {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        };
    }

    /** The exporter is only safe with extended master secret (RFC 7627 §5.4); browsers always send it. */
    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    /** BC's default 1 s first retransmission would hide a dropped early ClientHello for a whole second. */
    @Override
    public int getHandshakeResendTimeMillis() {
        return 200;
    }

    /** Without a limit BC retransmits forever, and a failed handshake would hold its thread until close. */
    @Override
    public int getHandshakeTimeoutMillis() {
        return 15_000;
    }

    @Override
    public Hashtable<?, ?> getClientExtensions() throws IOException {
        @SuppressWarnings("unchecked")
        Hashtable<Integer, byte[]> ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
        return ext;
    }

    @Override
    @SuppressWarnings("rawtypes") // BC's signature
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData srtp = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        // RFC 5764 §4.1.1: the server picks exactly one of the offered profiles; we sent no MKI.
        if (srtp == null || srtp.getProtectionProfiles().length != 1 || srtp.getMki().length != 0) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
        int chosen = srtp.getProtectionProfiles()[0];
        boolean offered = false;
        for (int id : offeredProfiles) {
            offered |= id == chosen;
        }
        if (!offered) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
        profile = SrtpProfile.fromId(chosen).orElseThrow(() -> new TlsFatalAlert(AlertDescription.illegal_parameter));
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                if (serverCertificate == null || serverCertificate.getCertificate().isEmpty()
                        || !DtlsCertificate.fingerprintOf(serverCertificate.getCertificate())
                                .equalsIgnoreCase(expectedFingerprint)) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate);
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return certificate.signer(context, crypto);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SrtpProfile p = profile;
        if (p == null) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                SrtpKeyingMaterial.exportLength(p));
        keys = SrtpKeyingMaterial.fromExported(p, exported);
    }
}
