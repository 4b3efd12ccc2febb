package dev.beam.media.transport;

import dev.beam.media.MediaStats;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Keeps one peer's consent on its selected ICE pair (RFC 7675): at each beat of the consent timer
 * says whether consent ran out ({@link ConsentFreshness}), else sends the check that is due, and
 * measures the round trip from answers that came before any retransmission.
 */
final class ConsentChecks {
    private static final Logger LOG = Logger.getLogger(ConsentChecks.class.getName());

    private final String peerId;
    private final ConsentFreshness freshness;
    private final int retransmissions;
    private final MediaStats stats;
    private final LongSupplier nanoTime;
    private volatile long rttMillis = -1;

    ConsentChecks(String peerId, WebRtcTransport.Consent consent, MediaStats stats, LongSupplier nanoTime) {
        this.peerId = peerId;
        this.stats = stats;
        this.nanoTime = nanoTime;
        this.freshness = new ConsentFreshness(consent.interval(), consent.timeout(), consent.connectTimeout(),
                () -> ThreadLocalRandom.current().nextDouble(), nanoTime.getAsLong());
        // Retransmit a check until the next one is due at the earliest (0.8 of the interval).
        this.retransmissions = (int) Math.max(1, consent.interval().toMillis() * 8 / 10
                / IceTransport.CONSENT_RTO_MILLIS - 1);
    }

    /**
     * The consent timer's beat: why consent ran out (RFC 7675 §5.1, or ICE and DTLS never
     * completed), counted; else empty, after sending the check that is due through {@code ice}.
     */
    Optional<String> beat(long nowNanos, IceTransport ice) {
        Optional<String> expiry = freshness.expiry(nowNanos);
        if (expiry.isPresent()) {
            stats.consentExpiries.increment();
            return expiry;
        }
        if (freshness.checkDue(nowNanos)) {
            long sent = nanoTime.getAsLong();
            boolean queued = ice.sendConsentCheck(retransmissions, new IceTransport.ConsentAnswer() {
                @Override
                public void answered() {
                    long now = nanoTime.getAsLong();
                    freshness.confirmed(now);
                    if (now - sent < IceTransport.CONSENT_RTO_MILLIS * 1_000_000L) {
                        // Answered before any retransmission: the round trip is unambiguous.
                        rttMillis = Math.max(1, (now - sent) / 1_000_000);
                    }
                }

                @Override
                public void unanswered() {
                    LOG.fine(() -> "[peer " + peerId + "] a consent check went unanswered");
                }
            });
            if (queued) {
                stats.consentChecks.increment();
            }
        }
        return Optional.empty();
    }

    /** ICE succeeded: that is consent (RFC 7675 §4). */
    void connected(long nowNanos) {
        freshness.connected(nowNanos);
    }

    /** DTLS completed: the connect deadline no longer applies. */
    void secured() {
        freshness.secured();
    }

    /** The peer showed it is there: an answered or valid check, or media that authenticated. */
    void confirmed(long nowNanos) {
        freshness.confirmed(nowNanos);
    }

    /** Round trip to the peer from its answers to consent checks, -1 until measured. */
    long rttMillis() {
        return rttMillis;
    }
}
