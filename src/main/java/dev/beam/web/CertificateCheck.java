package dev.beam.web;

import dev.beam.config.HttpsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Says at start how HTTPS is served, and above all when its certificate is the self-signed one
 * Liberty made for development, which browsers refuse until told to accept it.
 */
@ApplicationScoped
public class CertificateCheck {
    private static final Logger LOG = Logger.getLogger(CertificateCheck.class.getName());

    @Inject
    HttpsSettings https;

    void check(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!https.enabled()) {
            LOG.info("HTTPS is off (HTTPS_PORT=-1): browsers allow the camera only on https:// pages (or localhost),"
                    + " so broadcasting from another machine needs a TLS-terminating proxy in front");
            return;
        }
        Optional<Path> keystore = https.keystore();
        Optional<X509Certificate> certificate = keystore.flatMap(path -> certificate(path, https.keystorePassword()));
        if (certificate.isEmpty()) {
            LOG.warning(() -> "HTTPS on port " + https.port() + ": could not read a certificate from HTTPS_KEYSTORE "
                    + keystore.map(Path::toString).orElse("(not set)") + " with HTTPS_KEYSTORE_PASSWORD");
        } else if (selfSigned(certificate.get())) {
            LOG.warning(() -> "HTTPS on port " + https.port() + " uses a self-signed certificate for development ("
                    + certificate.get().getSubjectX500Principal().getName() + ", made at first start in "
                    + keystore.get() + "): browsers warn about it until told to accept it. Set HTTPS_KEYSTORE and"
                    + " HTTPS_KEYSTORE_PASSWORD to a PKCS#12 file with a real certificate for production");
        } else {
            LOG.info(() -> "HTTPS on port " + https.port() + " with the certificate of "
                    + certificate.get().getSubjectX500Principal().getName() + ", valid until "
                    + certificate.get().getNotAfter().toInstant());
        }
    }

    /** The certificate of the first key entry of a PKCS#12 file; empty when it cannot be read. */
    static Optional<X509Certificate> certificate(Path keystore, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (store.isKeyEntry(alias) && certificate instanceof X509Certificate x509) {
                    return Optional.of(x509);
                }
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Issued by itself and signed with its own key. */
    static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
