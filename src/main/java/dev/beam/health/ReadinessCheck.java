package dev.beam.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every {@link ReadinessProbe} is. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    @Any
    Instance<ReadinessProbe> probes;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("beam-ready").up();
        for (ReadinessProbe probe : probes) {
            boolean ready = probe.ready();
            response.withData(probe.name(), ready);
            if (!ready) {
                response.down();
            }
        }
        return response.build();
    }
}
