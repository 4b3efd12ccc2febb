package dev.beam.metrics;

import dev.beam.room.RoomRegistry;
import dev.beam.room.RoomSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The application's metrics, registered programmatically (get-or-create) so that a second
 * deployment sharing the registry, as the Arquillian tests do, cannot unregister them.
 * Prometheus names: {@code beam_rooms}, {@code beam_live_broadcasts}, {@code beam_viewers},
 * {@code beam_signaling_messages_total{type}}, {@code beam_signaling_errors_total{code}}.
 */
@ApplicationScoped
public class BeamMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    RoomRegistry rooms;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        roomGauge("beam.rooms", "Rooms that exist now", snapshot -> 1);
        roomGauge("beam.live.broadcasts", "Rooms broadcasting now", snapshot -> snapshot.live() ? 1 : 0);
        roomGauge("beam.viewers", "Viewers in all rooms", RoomSnapshot::viewers);
    }

    /** A signaling message of this type was received and decoded. */
    public void messageReceived(String type) {
        registry.counter(Metadata.builder().withName("beam.signaling.messages")
                .withDescription("Signaling messages received, by type").build(), new Tag("type", type)).inc();
    }

    /** An error reply with this code was sent. */
    public void errorSent(String code) {
        registry.counter(Metadata.builder().withName("beam.signaling.errors")
                .withDescription("Signaling error replies, by code").build(), new Tag("code", code)).inc();
    }

    private void roomGauge(String name, String description, ToIntFunction<RoomSnapshot> perRoom) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                rooms, roomRegistry -> roomRegistry.snapshots().stream().mapToInt(perRoom).sum());
    }
}
