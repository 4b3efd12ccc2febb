package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.media.MediaStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceAdmissionTest {
    private final MediaStats stats = new MediaStats();
    private final List<String> refusals = new ArrayList<>();
    private final IceAdmission admission = new IceAdmission(2, stats);
    private final byte[] check = StunCredentialsTest.RFC_5769_REQUEST;

    IceAdmissionTest() {
        stats.onRefused(refusals::add);
    }

    @Test
    void admitsAuthenticatedChecksUpToTheCapPerSession() {
        admission.register("evtj", "VOkJxbRl1RmTxUk/WvJxBt");
        assertTrue(admission.admit(check, 0, check.length, "evtj"));
        assertTrue(admission.admit(check, 0, check.length, "evtj"));
        assertFalse(admission.admit(check, 0, check.length, "evtj"), "a third address");
        assertEquals(1, stats.refusals(MediaStats.Limit.ICE_SOURCES));
        assertEquals(List.of("ice-sources"), refusals);
        assertEquals(0, stats.unauthenticatedDrops.sum());
    }

    @Test
    void refusesUnknownUfragsAndBadIntegrityWithoutTakingAPlace() {
        admission.register("evtj", "not the password");
        assertFalse(admission.admit(check, 0, check.length, "evtj"));
        assertFalse(admission.admit(check, 0, check.length, "other"));
        assertFalse(admission.admit(check, 0, check.length, null));
        assertEquals(3, stats.unauthenticatedDrops.sum());
        assertEquals(0, stats.refusals(MediaStats.Limit.ICE_SOURCES));
    }

    @Test
    void forgetsClosedSessions() {
        admission.register("evtj", "VOkJxbRl1RmTxUk/WvJxBt");
        admission.unregister("evtj");
        assertFalse(admission.admit(check, 0, check.length, "evtj"));
        assertEquals(0, admission.sessions());
    }
}
