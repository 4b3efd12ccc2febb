package dev.beam.media.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * ECDSA P-256 self-signed certificate made at start-up, for DTLS. WebRTC authenticates it by the
 * SDP fingerprint, not by a CA (RFC 5763 §5, RFC 8122 §5), so self-signed is what browsers expect;
 * P-256 ECDSA is what every browser supports and signs fastest.
 */
public final class DtlsCertificate {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    private final Certificate certificate;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsCertificate(Certificate certificate, AsymmetricKeyParameter privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.fingerprint = fingerprintOf(certificate);
    }

    /** CN=beam, valid from one day ago (clock skew) to 30 days from now. */
    public static DtlsCertificate generate() {
        try {
            X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
            ECDomainParameters domain = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve);
            ECKeyPairGenerator gen = new ECKeyPairGenerator();
            gen.init(new ECKeyGenerationParameters(domain, RANDOM));
            AsymmetricCipherKeyPair pair = gen.generateKeyPair();

            long now = System.currentTimeMillis();
            X500Name name = new X500Name("CN=beam");
            // RFC 5280 §4.1.2.2: positive serial, at most 20 octets.
            BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial,
                    new Date(now - DAY_MS), new Date(now + 30 * DAY_MS), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()));
            AlgorithmIdentifier sigAlg = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
            byte[] der = builder.build(new BcECContentSignerBuilder(sigAlg, digAlg).build(pair.getPrivate()))
                    .getEncoded();

            BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
            Certificate chain = new Certificate(new TlsCertificate[] {new BcTlsCertificate(crypto, der)});
            return new DtlsCertificate(chain, pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the DTLS certificate", e);
        }
    }

    /** The TLS chain (one entry). */
    public Certificate certificate() {
        return certificate;
    }

    public AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** SHA-256 over the DER, "AB:CD:..." as it follows "a=fingerprint:sha-256 " (RFC 8122 §5). */
    public String fingerprint() {
        return fingerprint;
    }

    /** Fingerprint of the chain's first (end-entity) certificate, same format as {@link #fingerprint()}. */
    public static String fingerprintOf(Certificate chain) {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        try {
            byte[] der = chain.getCertificateAt(0).getEncoded();
            SHA256Digest sha = new SHA256Digest();
            sha.update(der, 0, der.length);
            byte[] hash = new byte[sha.getDigestSize()];
            sha.doFinal(hash, 0);
            return hex(hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ECDSA with SHA-256: the signature_algorithms pair DTLS 1.2 needs (RFC 5246 §7.4.1.4.1). */
    public TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto) {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                certificate, new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    private static String hex(byte[] bytes) {
        final String digits = "0123456789ABCDEF";
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(digits.charAt((bytes[i] >> 4) & 0xF)).append(digits.charAt(bytes[i] & 0xF));
        }
        return sb.toString();
    }
}
