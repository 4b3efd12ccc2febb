package dev.beam.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beam.config.SessionLimitSettings;
import dev.beam.media.MediaLimitException;
import dev.beam.media.MediaStats;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StreamLimitsTest {
    private final SessionQuota quota = new SessionQuota(new SessionLimitSettings(2, 3), limit -> { });

    @Test
    void aSessionThatOpensKeepsItsPlace() throws StreamException {
        String opened = StreamLimits.open(quota.admit("10.0.0.1"), () -> "session");

        assertEquals("session", opened);
        assertEquals(1, quota.open("10.0.0.1"));
    }

    @Test
    void serverBusyGivesThePlaceBack() throws StreamException {
        for (int i = 0; i < 3; i++) {
            StreamException e = assertThrows(StreamException.class, () -> StreamLimits.open(quota.admit("10.0.0.1"),
                    () -> {
                        throw new MediaLimitException(MediaStats.Limit.PENDING_SESSIONS, "too many sessions connecting");
                    }));
            assertEquals(StreamException.SERVER_BUSY, e.code());
        }

        assertEquals(0, quota.open("10.0.0.1"), "each refusal gave its place back");
        assertEquals(0, quota.open());
    }

    @Test
    void aTransportThatCannotOpenGivesThePlaceBack() throws StreamException {
        StreamException e = assertThrows(StreamException.class, () -> StreamLimits.open(quota.admit("10.0.0.1"),
                () -> {
                    throw new IOException("no port");
                }));

        assertEquals(StreamException.MEDIA_UNAVAILABLE, e.code());
        assertEquals(0, quota.open());
    }
}
