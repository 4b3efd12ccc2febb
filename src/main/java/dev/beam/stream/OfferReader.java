package dev.beam.stream;

import dev.beam.media.transport.CandidateLine;
import dev.beam.sdp.NegotiatedMedia;
import dev.beam.sdp.Offer;
import dev.beam.sdp.OfferParser;
import dev.beam.sdp.SdpException;
import dev.beam.sdp.SdpLimitException;
import java.util.List;

/** Reads a browser's offer for the server, or says in {@code invalid-sdp} why it cannot be answered. */
final class OfferReader {
    private final StreamLimits limits;

    OfferReader(StreamLimits limits) {
        this.limits = limits;
    }

    /** The offer, within {@link dev.beam.sdp.SdpLimits}, and with candidates the server could use without a lookup. */
    Offer read(String sdp) throws StreamException {
        Offer offer;
        try {
            offer = OfferParser.parse(sdp);
        } catch (SdpLimitException e) {
            limits.offerRefused();
            throw new StreamException(StreamException.INVALID_SDP, e.getMessage());
        } catch (SdpException e) {
            throw new StreamException(StreamException.INVALID_SDP, e.getMessage());
        }
        for (String candidate : offer.candidates()) {
            try {
                CandidateLine.parse(candidate);
            } catch (CandidateLine.RefusedException e) {
                throw new StreamException(StreamException.INVALID_SDP, "the offer's a=candidate is refused: "
                        + e.getMessage());
            }
        }
        return offer;
    }

    interface Negotiation {
        List<NegotiatedMedia> run() throws SdpException;
    }

    /** What the offer and the server agree on, or {@code invalid-sdp}. */
    static List<NegotiatedMedia> negotiate(Negotiation negotiation) throws StreamException {
        try {
            return negotiation.run();
        } catch (SdpException e) {
            throw StreamException.unacceptableOffer(e.getMessage());
        }
    }
}
