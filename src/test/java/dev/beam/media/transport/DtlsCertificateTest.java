package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

    @Test
    void selfSignedP256WithSha256Fingerprint() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate();
        assertEquals(1, cert.certificate().getLength());
        byte[] der = cert.certificate().getCertificateAt(0).getEncoded();

        // Parsed and verified by the JDK, independently of BouncyCastle.
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        x509.verify(x509.getPublicKey());
        x509.checkValidity();
        assertEquals("CN=beam", x509.getSubjectX500Principal().getName());
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        assertEquals(256, ((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        long days = (x509.getNotAfter().getTime() - x509.getNotBefore().getTime()) / 86_400_000L;
        assertEquals(31, days);

        String expected = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        assertEquals(expected, cert.fingerprint());
        assertEquals(expected, DtlsCertificate.fingerprintOf(cert.certificate()));
        assertTrue(cert.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertNotEquals(cert.fingerprint(), DtlsCertificate.generate().fingerprint());
    }
}
