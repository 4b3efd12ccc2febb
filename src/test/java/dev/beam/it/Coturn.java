package dev.beam.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's coturn running the README's configuration ({@code deploy/coturn/turnserver.conf}),
 * changed only where a deployment changes it (the secret, the realm, the port, the listening and
 * relay addresses, where its pid file goes, a verbose log) and in the one way a test on loopback
 * must: it allows loopback peers, which it refuses by default, since Beam's media port is on
 * 127.0.0.1 here.
 * A {@link ChildProcess}.
 */
final class Coturn implements AutoCloseable {
    static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    static final Path SHIPPED = Path.of("deploy", "coturn", "turnserver.conf");

    private final ChildProcess process;

    private Coturn(ChildProcess process) {
        this.process = process;
    }

    /** Starts coturn on {@code listen}:{@code port} (UDP and TCP), relaying from {@code relay}. */
    static Coturn start(String secret, String listen, int port, String relay) throws Exception {
        Path dir = ChildProcess.runDirectory("coturn");
        String config = replace(Files.readString(SHIPPED), "static-auth-secret=change-me-to-the-value-of-TURN_SECRET",
                "static-auth-secret=" + secret);
        config = replace(config, "realm=turn.example.com", "realm=beam.test");
        config = replace(config, "listening-port=3478", "listening-port=" + port);
        config = replace(config, "#listening-ip=203.0.113.7", "listening-ip=" + listen);
        config = replace(config, "#relay-ip=203.0.113.7", "relay-ip=" + relay);
        // verbose: each request's outcome and username, which the test looks for.
        config += "\nallow-loopback-peers\nverbose\npidfile=" + dir.resolve("turnserver.pid") + "\n";
        Path file = dir.resolve("turnserver.conf");
        Files.writeString(file, config);
        // Its TCP listener answers once the UDP one is up too: they start together.
        return new Coturn(ChildProcess.start("coturn", dir, List.of(TURNSERVER.toString(), "-c", file.toString()),
                Duration.ofSeconds(10), ChildProcess.listening(listen, port)));
    }

    /** What coturn logged so far. */
    String log() throws IOException {
        return process.output();
    }

    private static String replace(String config, String line, String with) {
        if (!config.contains(line)) {
            throw new IllegalStateException(SHIPPED + " no longer has the line '" + line + "' the test changes");
        }
        return config.replace(line, with);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
