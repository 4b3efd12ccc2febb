package dev.beam.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Says at start whether the process's descriptor limit leaves room beside the HTTP connection
 * cap ({@code HTTP_MAX_CONNECTIONS}, applied by Liberty's tcpOptions in server.xml): running out
 * of descriptors breaks class loading and logging, not only new connections.
 */
@ApplicationScoped
public class DescriptorLimitCheck {
    private static final Logger LOG = Logger.getLogger(DescriptorLimitCheck.class.getName());
    /** The same default as server.xml's variable. */
    static final long DEFAULT_MAX_CONNECTIONS = 4000;
    /** Descriptors the server needs besides connections: class path, logs, media sockets, pipes. */
    static final long RESERVE = 1024;

    @Inject
    Config config;

    void check(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long cap = config.getOptionalValue("HTTP_MAX_CONNECTIONS", Long.class).orElse(DEFAULT_MAX_CONNECTIONS);
        OptionalLong limit = openFilesLimit(Path.of("/proc/self/limits"));
        if (limit.isEmpty()) {
            return;
        }
        if (limit.getAsLong() < cap + RESERVE) {
            LOG.warning(() -> "the descriptor limit (ulimit -n) is " + limit.getAsLong() + ", less than HTTP_MAX_CONNECTIONS ("
                    + cap + ") plus " + RESERVE + " for the server itself: raise the limit, or lower HTTP_MAX_CONNECTIONS");
        } else {
            LOG.info(() -> "descriptor limit " + limit.getAsLong() + ", HTTP connections capped at " + cap);
        }
    }

    /** The soft "Max open files" of a {@code /proc/<pid>/limits} file; empty where there is none. */
    static OptionalLong openFilesLimit(Path limits) {
        try {
            return openFilesLimit(Files.readString(limits));
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong openFilesLimit(String limits) {
        return limits.lines()
                .filter(line -> line.startsWith("Max open files"))
                .map(line -> line.substring("Max open files".length()).strip().split("\\s+")[0])
                .filter(soft -> soft.chars().allMatch(Character::isDigit) && !soft.isEmpty())
                .mapToLong(Long::parseLong)
                .findFirst();
    }
}
