package dev.beam.access;

import com.ibm.websphere.security.jwt.InvalidConsumerException;
import com.ibm.websphere.security.jwt.InvalidTokenException;
import com.ibm.websphere.security.jwt.JwtConsumer;

/**
 * Liberty's own JWT verification (the {@code jwt-1.0} feature): the {@code jwtConsumer} with id
 * {@value #CONSUMER_ID} in server.xml holds the key, the algorithm and the issuer, read from the
 * same environment variables as {@link dev.beam.config.TokenSettings}.
 */
final class LibertySignatureCheck implements SignatureCheck {
    static final String CONSUMER_ID = "beamTokens";

    @Override
    public void verify(String token) throws AccessDenied {
        try {
            JwtConsumer.create(CONSUMER_ID).createJwt(token);
        } catch (InvalidTokenException e) {
            // Liberty's message says which check failed; it is not passed on, so the reply never
            // echoes anything of the token.
            throw AccessDenied.unauthorized("the token does not verify: a bad signature, another issuer than this"
                    + " server's, or not valid yet");
        } catch (InvalidConsumerException e) {
            throw new IllegalStateException("the jwtConsumer '" + CONSUMER_ID + "' is missing from server.xml", e);
        }
    }
}
