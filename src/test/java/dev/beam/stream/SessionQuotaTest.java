package dev.beam.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.config.SessionLimitSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionQuotaTest {
    private final List<String> refused = new ArrayList<>();
    private final SessionQuota quota = new SessionQuota(new SessionLimitSettings(2, 3), refused::add);

    @Test
    void admitsUpToTheLimitPerAddressThenRefuses() throws StreamException {
        quota.admit("10.0.0.1");
        quota.admit("10.0.0.1");

        StreamException e = assertThrows(StreamException.class, () -> quota.admit("10.0.0.1"));

        assertEquals(StreamException.TOO_MANY_SESSIONS, e.code());
        assertTrue(e.getMessage().contains("per address"), e.getMessage());
        assertEquals(List.of(SessionQuota.PER_ADDRESS), refused);
        assertEquals(2, quota.open("10.0.0.1"));
        assertEquals(2, quota.open(), "a refusal takes no place");
    }

    @Test
    void admitsUpToTheTotalAcrossAddressesThenRefuses() throws StreamException {
        quota.admit("10.0.0.1");
        quota.admit("10.0.0.2");
        quota.admit("10.0.0.3");

        StreamException e = assertThrows(StreamException.class, () -> quota.admit("10.0.0.4"));

        assertEquals(StreamException.TOO_MANY_SESSIONS, e.code());
        assertEquals(List.of(SessionQuota.TOTAL), refused);
        assertEquals(3, quota.open());
        assertEquals(0, quota.open("10.0.0.4"));
    }

    @Test
    void aReleasedPlaceIsFreeAgainAndReleasingTwiceCountsOnce() throws StreamException {
        SessionQuota.Admission first = quota.admit("10.0.0.1");
        quota.admit("10.0.0.1");

        first.release();
        first.release();

        assertEquals(1, quota.open("10.0.0.1"));
        assertEquals(1, quota.open());
        quota.admit("10.0.0.1");
        assertThrows(StreamException.class, () -> quota.admit("10.0.0.1"));
    }

    @Test
    void releasedPlacesLeaveNothingCounted() throws StreamException {
        for (int i = 0; i < 100; i++) {
            quota.admit("10.0.0." + i).release();
        }
        assertEquals(0, quota.open());
        assertEquals(0, quota.open("10.0.0.7"));
    }
}
