package dev.beam.access;

/** Verifies a token's signature, issuer and validity period with the configured key. */
@FunctionalInterface
interface SignatureCheck {

    /** @throws AccessDenied (unauthorized) when the token does not verify */
    void verify(String token) throws AccessDenied;
}
