package dev.beam.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beam.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TURN REST credentials (draft-uberti-behave-turn-rest-00 section 2.2), as coturn's use-auth-secret checks them. */
class TurnCredentialsTest {
    private static final String SECRET = "beam-turn-secret-for-tests";
    /** 2023-11-15T22:13:20Z, one day before the expiry below. */
    private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1_700_000_000L));
    private final TurnCredentials credentials = new TurnCredentials(SECRET, Duration.ofHours(24), clock);

    @Test
    void thePasswordIsTheBase64OfTheHmacSha1OfTheUsername() {
        // echo -n "1700086400:7ac148a3bdf1" | openssl dgst -sha1 -hmac "beam-turn-secret-for-tests" -binary | base64
        assertEquals("wTpP8/x79B9QPLmMi1sAGgYpCyM=", credentials.password("1700086400:7ac148a3bdf1"));
        // echo -n "1700000000:alice" | openssl dgst -sha1 -hmac "north" -binary | base64
        assertEquals("Cd/49soE35ICqcJF/bCTn8Z4OyE=",
                new TurnCredentials("north", Duration.ofSeconds(1), clock).password("1700000000:alice"));
    }

    @Test
    void theUsernameIsTheExpiryAndThePeer() {
        IceServer issued = credentials.issue(List.of("turn:127.0.0.1:3478"), "7ac148a3bdf1");

        assertEquals(List.of("turn:127.0.0.1:3478"), issued.urls());
        assertEquals("1700086400:7ac148a3bdf1", issued.username());
        assertEquals("wTpP8/x79B9QPLmMi1sAGgYpCyM=", issued.credential());
    }

    @Test
    void theExpiryMovesWithTheClockAndTheLifetime() {
        clock.elapse(Duration.ofSeconds(90));
        assertEquals("1700086490:p", credentials.issue(List.of("turn:t"), "p").username());
        assertEquals("1700000390:p", new TurnCredentials(SECRET, Duration.ofMinutes(5), clock)
                .issue(List.of("turn:t"), "p").username());
    }
}
