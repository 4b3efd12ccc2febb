package dev.beam.stream;

import dev.beam.media.LocalParameters;
import dev.beam.sdp.Offer;
import dev.beam.sdp.RestartedAnswer;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * An ICE restart of one media session (RFC 8445 §9), given the browser's new offer: how the
 * session restarts, and the answer it gets.
 */
@FunctionalInterface
interface IceRestart {
    /** Restarts the session's ICE with the peer's new credentials; returns the restart's generation. */
    int restart(String remoteUfrag, String remotePassword) throws IOException;

    /**
     * Restarts through {@code restart} and answers: the session's answer with the server's new
     * credentials ({@code local}, read after the restart). The offer must keep the DTLS
     * fingerprint, since DTLS and SRTP go on as they are.
     */
    static String answer(Negotiation negotiation, Offer offer, IceRestart restart, Supplier<LocalParameters> local)
            throws StreamException {
        if (!negotiation.offerFingerprint().equalsIgnoreCase(offer.fingerprint().value())) {
            throw new StreamException(StreamException.INVALID_SDP,
                    "an ICE restart keeps the DTLS certificate, but the offer's fingerprint changed");
        }
        try {
            int generation = restart.restart(offer.iceUfrag(), offer.icePwd());
            LocalParameters parameters = local.get();
            return RestartedAnswer.of(negotiation.answer(), parameters.iceUfrag(), parameters.icePassword(), generation);
        } catch (IOException e) {
            throw new StreamException(StreamException.MEDIA_UNAVAILABLE, "the ICE restart failed: " + e.getMessage());
        }
    }
}
