package dev.beam.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells operators from the public by the {@code Authorization: Bearer <OPERATOR_SECRET>} header
 * (RFC 6750 section 2.1). The presented secret is compared in constant time, as digests of equal
 * length, so neither its content nor its length leaks through the time the comparison takes.
 */
public final class OperatorAccess {
    /** Who is asking. */
    public enum Caller {
        /** No credentials: sees the public view. */
        PUBLIC,
        /** The operator secret: sees everything. */
        OPERATOR,
        /** Credentials that are not the operator secret, or none is configured: refused. */
        REFUSED
    }

    private static final String BEARER = "bearer ";

    private final Optional<byte[]> secretDigest;

    public OperatorAccess(Optional<String> secret) {
        this.secretDigest = secret.map(OperatorAccess::digest);
    }

    public Caller judge(String authorization) {
        if (authorization == null) {
            return Caller.PUBLIC;
        }
        if (secretDigest.isEmpty() || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Caller.REFUSED;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).strip());
        return MessageDigest.isEqual(presented, secretDigest.get()) ? Caller.OPERATOR : Caller.REFUSED;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
