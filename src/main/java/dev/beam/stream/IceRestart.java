package dev.beam.stream;

import dev.beam.media.LocalParameters;
import dev.beam.sdp.Offer;
import dev.beam.sdp.RestartedAnswer;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * An ICE restart of one media session (RFC 8445 §9): what its offer and answer settled, how the
 * session restarts given the peer's new credentials (returning the restart's generation), and
 * the server's local parameters, read after the restart.
 */
record IceRestart(Negotiation negotiation, Restart restart, Supplier<LocalParameters> local) {
    /** Restarts the session's ICE with the peer's new credentials; returns the restart's generation. */
    @FunctionalInterface
    interface Restart {
        int restart(String remoteUfrag, String remotePassword) throws IOException;
    }

    /** DTLS and SRTP go on as they are, so a restart's offer must keep the certificate. */
    void checkFingerprint(Offer offer) throws StreamException {
        if (!negotiation.offerFingerprint().equalsIgnoreCase(offer.fingerprint().value())) {
            throw new StreamException(StreamException.INVALID_SDP,
                    "an ICE restart keeps the DTLS certificate, but the offer's fingerprint changed");
        }
    }

    /** Restarts and answers: the session's answer with the server's new credentials. */
    String answer(String remoteUfrag, String remotePassword) throws StreamException {
        try {
            int generation = restart.restart(remoteUfrag, remotePassword);
            LocalParameters parameters = local.get();
            return RestartedAnswer.of(negotiation.answer(), parameters.iceUfrag(), parameters.icePassword(), generation);
        } catch (IOException e) {
            throw new StreamException(StreamException.MEDIA_UNAVAILABLE, "the ICE restart failed: " + e.getMessage());
        }
    }
}
