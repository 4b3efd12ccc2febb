package dev.beam.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Beam server beside the one the build started, for settings that exclude the first's
 * (another kind of token key, say): a copy of the built server's directory, its own HTTP,
 * management and media ports, and the environment given, started and stopped with Liberty's own script.
 */
final class SecondServer implements AutoCloseable {
    private static final Path WLP = Path.of(System.getProperty("beam.wlp.home", "target/liberty/wlp"));
    /** Settings bin/test gives the first server that the second must not inherit. */
    private static final Set<String> NOT_INHERITED = Set.of("TOKEN_SECRET", "TOKEN_JWKS_URL", "TOKEN_ALGORITHM",
            "BROADCAST_TOKEN_ROOMS", "WATCH_TOKEN_ROOMS", "PORT", "MANAGEMENT_PORT", "MEDIA_PORT", "HTTPS_PORT",
            "MANAGEMENT_HTTPS_PORT");

    private final String name;
    private final Map<String, String> environment;
    private final URI uri;
    private final URI managementUri;

    private SecondServer(String name, Map<String, String> environment, int port, int managementPort) {
        this.name = name;
        this.environment = environment;
        this.uri = URI.create("http://localhost:" + port);
        this.managementUri = URI.create("http://localhost:" + managementPort);
    }

    /** Starts a copy of the built server with these settings, and waits until it is ready. */
    static SecondServer start(String name, Map<String, String> settings) throws Exception {
        Path source = WLP.resolve("usr/servers/beamServer");
        Path target = WLP.resolve("usr/servers/" + name);
        delete(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path relative = source.relativize(file);
                if (relative.startsWith("logs") || relative.startsWith("workarea")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        int port = freeTcpPort();
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        NOT_INHERITED.forEach(environment::remove);
        environment.putAll(settings);
        environment.put("PORT", Integer.toString(port));
        int managementPort = freeTcpPort();
        environment.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("MEDIA_PORT", Integer.toString(freeMediaPort()));
        environment.putIfAbsent("HTTPS_PORT", "-1");
        environment.put("MANAGEMENT_HTTPS_PORT", "-1");
        SecondServer server = new SecondServer(name, environment, port, managementPort);
        server.run("start");
        try {
            server.awaitReady(Duration.ofSeconds(120));
        } catch (Exception e) {
            // Started but never ready: stopped here, or it outlives the test run.
            server.run("stop");
            throw e;
        }
        return server;
    }

    URI uri() {
        return uri;
    }

    /** Where its /health and /metrics are. */
    URI managementUri() {
        return managementUri;
    }

    /** Its media port (UDP, and TCP where ICE over TCP is on). */
    int mediaPort() {
        return Integer.parseInt(environment.get("MEDIA_PORT"));
    }

    @Override
    public void close() throws Exception {
        try {
            run("stop");
        } finally {
            delete(WLP.resolve("usr/servers/" + name));
        }
    }

    private void run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(WLP.resolve("bin/server").toString(), command, name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("server " + command + " " + name + " did not finish");
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(managementUri.resolve("/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("server " + name + " not ready within " + timeout + "; see "
                + WLP.resolve("usr/servers/" + name + "/logs"));
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A port free for UDP and for TCP, which the media port takes both of (ICE over TCP on the same
     * number): a UDP port alone was once another connection's TCP port, and the media plane did
     * not start.
     */
    private static int freeMediaPort() throws IOException {
        for (int tries = 0; tries < 20; tries++) {
            try (DatagramSocket udp = new DatagramSocket(0); ServerSocket tcp = new ServerSocket(udp.getLocalPort())) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // in use for TCP: try another number
            }
        }
        throw new IOException("no port free for both UDP and TCP in 20 tries");
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
