package dev.beam.health;

import dev.beam.room.RoomRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the application answers; reports how many rooms it holds. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    RoomRegistry rooms;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("beam-live").up().withData("rooms", rooms.snapshots().size()).build();
    }
}
