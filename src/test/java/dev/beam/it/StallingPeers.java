package dev.beam.it;

import dev.beam.testpeer.PeerConnection;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Viewers that complete ICE and stall their DTLS handshakes, in a niced JVM of their own: an
 * attacker's CPU is not the server's, and here, sharing the machine with the server and a
 * canary's clients, it must not take the CPU they need (as FloodCanaryIT's flood). Driven over
 * the process's standard streams: it prints "ready" once every viewer has joined; on "offer"
 * it sends all their offers at once and prints "answered N in T ms"; on "report" it prints
 * "ice-connected K"; when its input ends it closes its viewers and exits.
 */
final class StallingPeers implements AutoCloseable {
    /** What the offers got: how many were answered, and how long until the last reply. */
    record Offers(int answered, Duration took) {
    }

    private static final Duration REPLY = Duration.ofSeconds(90);

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private StallingPeers(Process process) {
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "stalling-peers-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the process with {@code count} viewers in {@code room}, the first {@code helloOnly} sending a ClientHello. */
    static StallingPeers join(String room, int count, int helloOnly) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("nice", "-n", "10",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dbeam.http.port=" + TestServer.uri().getPort(),
                StallingPeers.class.getName(), room, Integer.toString(count), Integer.toString(helloOnly));
        StallingPeers peers = new StallingPeers(builder.redirectErrorStream(true).start());
        peers.await("ready");
        return peers;
    }

    Offers offerAll() throws Exception {
        String[] words = command("offer", "answered").split(" ");
        return new Offers(Integer.parseInt(words[1]), Duration.ofMillis(Long.parseLong(words[3])));
    }

    int iceConnected() throws Exception {
        return Integer.parseInt(command("report", "ice-connected").split(" ")[1]);
    }

    @Override
    public void close() throws Exception {
        commands.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the stalling peers did not end when told");
        }
    }

    private String command(String command, String replyPrefix) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        return await(replyPrefix);
    }

    private String await(String prefix) throws Exception {
        long deadline = System.nanoTime() + REPLY.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the stalling peers did not say " + prefix + " within " + REPLY
                        + (process.isAlive() ? "" : ": ended with " + process.exitValue()));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private void read() {
        try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("stalling peers: " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            System.out.println("stalling peers: output unreadable: " + e);
        }
    }

    /** The stalling process: arguments room, count, helloOnly. */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int count = Integer.parseInt(args[1]);
        int helloOnly = Integer.parseInt(args[2]);
        try (OpenResources open = new OpenResources();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            List<JoinedViewers.Viewer> viewers = JoinedViewers.join(count, args[0],
                    i -> i < helloOnly ? PeerConnection.Dtls.CLIENT_HELLO_ONLY : PeerConnection.Dtls.SILENT, open);
            out.println("ready");
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                if (command.equals("offer")) {
                    long started = System.nanoTime();
                    List<JsonObject> replies = JoinedViewers.consumeAll(viewers, true);
                    long answered = replies.stream().filter(reply -> "consumer-created".equals(reply.getString("type")))
                            .count();
                    out.printf("answered %d in %d ms%n", answered,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                } else if (command.equals("report")) {
                    out.println("ice-connected " + viewers.stream().filter(v -> v.peer().isIceConnected()).count());
                }
            }
        }
        System.exit(0);
    }
}
