package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 7675 consent freshness on a fake clock. */
class ConsentFreshnessTest {
    private static final long MS = 1_000_000;
    private long now = 5_000 * MS;
    private double random = 0.5;
    private final ConsentFreshness consent = new ConsentFreshness(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(10), () -> random, now);

    /** Runs the timer every 100 ms for {@code millis}; returns how many checks it sent. */
    private int run(long millis) {
        int checks = 0;
        for (long t = 0; t < millis; t += 100) {
            now += 100 * MS;
            if (consent.expiry(now).isEmpty() && consent.checkDue(now)) {
                checks++;
            }
        }
        return checks;
    }

    @Test
    void noChecksBeforeIceConnects() {
        assertEquals(0, run(10_000));
    }

    private void connectedAndSecured() {
        consent.connected(now);
        consent.secured();
    }

    @Test
    void aPeerThatNeverConnectsIsClosedAfterTheConnectTimeout() {
        run(10_000);
        assertEquals(Optional.empty(), consent.expiry(now));
        now += 100 * MS;
        assertEquals(Optional.of("ICE did not complete within 10 s"), consent.expiry(now));
    }

    @Test
    void aPeerThatCompletesIceButNotDtlsIsClosedAfterTheConnectTimeout() {
        now += 1_000 * MS;
        consent.connected(now);
        run(9_000);
        assertEquals(Optional.empty(), consent.expiry(now));
        now += 100 * MS;
        assertEquals(Optional.of("DTLS did not complete within 10 s"), consent.expiry(now));
    }

    @Test
    void aSecuredPeerIsHeldToConsentNotToTheConnectDeadline() {
        now += 9_000 * MS;
        connectedAndSecured();
        now += 25_000 * MS;
        assertEquals(Optional.empty(), consent.expiry(now), "35 s after it was made, 25 s after its last consent");
    }

    @Test
    void confirmationsBeforeIceConnectsCountForNothing() {
        consent.confirmed(now);
        assertFalse(consent.checkDue(now));
        now += 10_100 * MS;
        assertTrue(consent.expiry(now).isPresent());
    }

    @Test
    void checksGoOutAtOnceThenEveryIntervalRandomizedWithinPlusMinusTwentyPercent() {
        connectedAndSecured();
        random = 0.0; // 0.8 of 5 s
        assertTrue(consent.checkDue(now), "the first at once");
        assertFalse(consent.checkDue(now + 4_000 * MS - 1), "the next not before 4 s");
        now += 4_000 * MS;
        random = 0.999; // 1.2 of 5 s
        assertTrue(consent.checkDue(now), "4 s after, at the low end of the range");
        assertFalse(consent.checkDue(now + 5_990 * MS));
        assertTrue(consent.checkDue(now + 6_000 * MS), "and at most 6 s");
    }

    @Test
    void aPeerThatAnswersKeepsConsentAsLongAsItAnswers() {
        connectedAndSecured();
        for (int second = 0; second < 120; second++) {
            int checks = run(1_000);
            if (checks > 0) {
                consent.confirmed(now + 20 * MS); // the answer comes back 20 ms later
            }
        }
        assertEquals(Optional.empty(), consent.expiry(now));
    }

    @Test
    void consentRunsOutThirtySecondsAfterTheLastAnswerEvenIfChecksGoOut() {
        connectedAndSecured();
        run(10_000);
        consent.confirmed(now);
        long lastAnswer = now;
        int checks = run(30_000);
        assertEquals(Optional.empty(), consent.expiry(lastAnswer + 30_000 * MS));
        assertTrue(checks >= 5, "checks kept going out unanswered: " + checks);
        now = lastAnswer + 30_000 * MS + 1;
        assertEquals(Optional.of("consent expired: no answer to consent checks for 30 s"), consent.expiry(now));
    }

    @Test
    void aCheckFromThePeerCountsAsLivenessButOnlyOnceConnected() {
        consent.confirmed(now);
        assertFalse(consent.checkDue(now), "a check during ICE is not consent to media yet");
        connectedAndSecured();
        now += 29_000 * MS;
        consent.confirmed(now);
        now += 29_000 * MS;
        assertEquals(Optional.empty(), consent.expiry(now));
    }
}
