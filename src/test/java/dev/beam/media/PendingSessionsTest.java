package dev.beam.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beam.media.receive.Packet;
import dev.beam.media.transport.WebRtcTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingSessionsTest {
    private final MediaStats stats = new MediaStats();
    private final PendingSessions pending = new PendingSessions(2, stats);
    private final List<String> events = new ArrayList<>();
    private final WebRtcTransport.Handler handler = new WebRtcTransport.Handler() {
        @Override
        public void onConnected() {
            events.add("connected");
        }

        @Override
        public void onPacket(Packet packet) {
        }

        @Override
        public void onClosed(String reason) {
            events.add("closed");
        }
    };

    @Test
    void refusesBeyondTheCapWithTheLimitNamed() throws Exception {
        pending.take();
        pending.take();
        MediaLimitException refused = assertThrows(MediaLimitException.class, pending::take);
        assertEquals(MediaStats.Limit.PENDING_SESSIONS, refused.limit());
        assertEquals(1, stats.refusals(MediaStats.Limit.PENDING_SESSIONS));
        assertEquals(2, pending.count());
    }

    @Test
    void aSessionGivesItsPlaceBackOnceWhenItConnectsOrCloses() throws Exception {
        WebRtcTransport.Handler connecting = pending.take().releasing(handler);
        WebRtcTransport.Handler closing = pending.take().releasing(handler);
        connecting.onConnected();
        assertEquals(1, pending.count());
        connecting.onClosed("later");
        assertEquals(1, pending.count(), "a connected session's close gives nothing back twice");
        closing.onClosed("deadline");
        assertEquals(0, pending.count());
        assertEquals(List.of("connected", "closed", "closed"), events);
    }

    @Test
    void releaseIsIdempotent() throws Exception {
        PendingSessions.Slot slot = pending.take();
        slot.release();
        slot.release();
        assertEquals(0, pending.count());
    }
}
