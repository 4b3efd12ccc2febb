package dev.beam.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real program a test runs beside the server (nginx, coturn, Prometheus): started with its
 * output in a file of its own run directory under {@code target}, waited for until it answers,
 * and ended by its PID, never by name.
 */
final class ChildProcess implements AutoCloseable {
    /** Whether the program answers yet; an {@link IOException} means not yet. */
    interface Readiness {
        boolean ready() throws IOException, InterruptedException;
    }

    private final String name;
    private final Process process;
    private final Path console;

    private ChildProcess(String name, Process process, Path console) {
        this.name = name;
        this.process = process;
        this.console = console;
    }

    /** A fresh directory for one run of {@code name}, under target/{@code name}. */
    static Path runDirectory(String name) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", name)), "run-").toAbsolutePath();
    }

    /**
     * Starts {@code command}, its output (standard and error) in {@code directory}/console.log,
     * and waits until {@code readiness} holds; where it stops or is not ready within
     * {@code timeout}, ends it and fails with what it printed and the {@code logs} it keeps
     * elsewhere.
     */
    static ChildProcess start(String name, Path directory, List<String> command, Duration timeout,
            Readiness readiness, Path... logs) throws Exception {
        Path console = directory.resolve("console.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        ChildProcess child = new ChildProcess(name, process, console);
        try {
            child.awaitReady(timeout, readiness, logs);
        } catch (Exception e) {
            child.close();
            throw e;
        }
        return child;
    }

    /** A readiness check: something accepts TCP connections on {@code host}:{@code port}. */
    static Readiness listening(String host, int port) {
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return true;
            }
        };
    }

    private void awaitReady(Duration timeout, Readiness readiness, Path... logs) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped: " + output(logs));
            }
            try {
                if (readiness.ready()) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s: " + output(logs));
    }

    /** What the program printed so far, then the given logs where they exist. */
    String output(Path... logs) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(console));
        for (Path log : logs) {
            if (Files.exists(log)) {
                text.append('\n').append(log.getFileName()).append(":\n").append(Files.readString(log));
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
