package dev.beam.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Liberty JVM the build started for this checkout, found by its command line (other
 * checkouts' servers may run on the same machine), and what it holds, from /proc.
 */
final class ServerProcess {
    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The server of this checkout, if this platform shows processes' command lines. */
    static Optional<ServerProcess> find() {
        String wlp = Path.of(System.getProperty("user.dir"), "target", "liberty").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(wlp) && line.contains("ws-server"))
                        .orElse(false))
                .map(p -> new ServerProcess(p.pid()))
                .findFirst();
    }

    long pid() {
        return pid;
    }

    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).strip());
            }
        }
        throw new IOException("no thread count for " + pid);
    }

    int fileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }
}
