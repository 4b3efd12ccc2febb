package dev.beam.access;

import com.ibm.websphere.security.jwt.InvalidConsumerException;
import com.ibm.websphere.security.jwt.InvalidTokenException;
import com.ibm.websphere.security.jwt.JwtConsumer;

/**
 * Liberty's own JWT verification (the {@code jwt-1.0} feature): a {@code jwtConsumer} in server.xml
 * holds the key, the algorithm and the issuer, read from the same environment variables as
 * {@link dev.beam.config.TokenSettings}: {@value #SHARED_SECRET} for HS256, {@value #KEY_SET} for
 * the keys of a JWKS URL.
 */
final class LibertySignatureCheck implements SignatureCheck {
    static final String SHARED_SECRET = "beamTokens";
    static final String KEY_SET = "beamTokensJwks";

    private final String consumerId;

    LibertySignatureCheck(String consumerId) {
        this.consumerId = consumerId;
    }

    @Override
    public void verify(String token) throws AccessDenied {
        try {
            JwtConsumer.create(consumerId).createJwt(token);
        } catch (InvalidTokenException e) {
            // Liberty's message says which check failed; it is not passed on, so the reply never
            // echoes anything of the token.
            throw AccessDenied.unauthorized("the token does not verify: a bad signature, another issuer than this"
                    + " server's, or not valid yet");
        } catch (InvalidConsumerException e) {
            throw new IllegalStateException("the jwtConsumer '" + consumerId + "' is missing from server.xml", e);
        }
    }
}
