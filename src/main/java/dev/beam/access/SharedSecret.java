package dev.beam.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 signature (RFC 7518 section 3.2) checked here, before Liberty checks it again: Liberty
 * records a failed signature check as an FFDC incident that quotes the whole token in
 * {@code messages.log}, and a token must never reach the log. So only tokens that verify reach it.
 */
final class SharedSecret {
    private final SecretKeySpec key;

    SharedSecret(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** @throws AccessDenied (unauthorized) unless the token's signature is this secret's */
    void verify(String token) throws AccessDenied {
        int end = token.lastIndexOf('.');
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(end + 1));
        } catch (IllegalArgumentException e) {
            throw AccessDenied.unauthorized("the token's signature is not base64url");
        }
        if (!MessageDigest.isEqual(mac(token.substring(0, end)), signature)) {
            throw AccessDenied.unauthorized("the token's signature does not verify with this server's key");
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}
