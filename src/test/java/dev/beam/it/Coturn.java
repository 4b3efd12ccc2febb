package dev.beam.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn running the README's configuration ({@code deploy/coturn/turnserver.conf}),
 * changed only where a deployment changes it (the secret, the realm, the port, the listening and
 * relay addresses, where its pid file goes, a verbose log) and in the one way a test on loopback
 * must: it allows loopback peers, which it refuses by default, since Beam's media port is on
 * 127.0.0.1 here.
 * Started as a child process, ended by its PID.
 */
final class Coturn implements AutoCloseable {
    static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    static final Path SHIPPED = Path.of("deploy", "coturn", "turnserver.conf");

    private final Process process;
    private final Path console;

    private Coturn(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /** Starts coturn on {@code listen}:{@code port} (UDP and TCP), relaying from {@code relay}. */
    static Coturn start(String secret, String listen, int port, String relay) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "coturn")), "run-")
                .toAbsolutePath();
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
        Path console = dir.resolve("console.log");
        Process process = new ProcessBuilder(TURNSERVER.toString(), "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        Coturn coturn = new Coturn(process, console);
        coturn.awaitListening(listen, port, Duration.ofSeconds(10));
        return coturn;
    }

    /** What coturn logged so far. */
    String log() throws IOException {
        return Files.readString(console);
    }

    private static String replace(String config, String line, String with) {
        if (!config.contains(line)) {
            throw new IllegalStateException(SHIPPED + " no longer has the line '" + line + "' the test changes");
        }
        return config.replace(line, with);
    }

    /** Its TCP listener answers once the UDP one is up too: they start together. */
    private void awaitListening(String host, int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("coturn stopped: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("coturn does not listen on " + host + ":" + port + ": " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
