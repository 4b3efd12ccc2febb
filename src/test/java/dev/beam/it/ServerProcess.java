package dev.beam.it;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The started Liberty's process as /proc and the JDK's tools see it: threads, descriptors, heap. */
final class ServerProcess {
    /** What the process holds at one moment. */
    record Usage(int threads, int descriptors, long heapBytes) {
        @Override
        public String toString() {
            return threads + " threads, " + descriptors + " descriptors, heap " + heapBytes / (1024 * 1024) + " MB";
        }
    }

    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The server the build started, from the pid file Liberty writes. */
    static ServerProcess started() throws IOException {
        Path pidFile = Path.of(System.getProperty("beam.wlp.home", "target/liberty/wlp"), "usr/servers/.pid/beamServer.pid");
        return new ServerProcess(Long.parseLong(Files.readString(pidFile).strip()));
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
        throw new IOException("no thread count in /proc/" + pid + "/status");
    }

    int descriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    /**
     * What the descriptors are, counted by kind: TCP sockets by state (from /proc/net/tcp and
     * tcp6), UDP sockets, pipes, files; to tell which kind a leak is.
     */
    Map<String, Integer> descriptorKinds() throws IOException {
        Map<String, String> socketKinds = new HashMap<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.strip().split("\\s+");
                String kind = table.startsWith("tcp") ? "tcp-" + TCP_STATES.getOrDefault(fields[3], fields[3]) : "udp";
                socketKinds.put(fields[9], kind);
            }
        }
        Map<String, Integer> kinds = new TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue;
                }
                String kind;
                if (target.startsWith("socket:[")) {
                    kind = socketKinds.getOrDefault(target.substring(8, target.length() - 1), "socket-other");
                } else if (target.startsWith("pipe:")) {
                    kind = "pipe";
                } else if (target.startsWith("anon_inode:")) {
                    kind = target;
                } else if (target.endsWith(".jar")) {
                    kind = "jar";
                } else {
                    kind = "file";
                }
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        return kinds;
    }

    private static final Map<String, String> TCP_STATES = Map.of("01", "established", "06", "time-wait", "07", "close",
            "08", "close-wait", "0A", "listen", "04", "fin-wait1", "05", "fin-wait2", "09", "last-ack");

    /** The names of the process's threads as the kernel knows them (Java names cut to 15 characters). */
    List<String> threadNames() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    return "(gone)";
                }
            }).toList();
        }
    }

    /**
     * How many of the process's platform threads have a frame whose name starts with
     * {@code prefix} on their stacks. jcmd Thread.dump_to_file takes each thread's stack on its
     * own (Thread.print would stop the whole process for it, which a latency measured meanwhile
     * would see), lists virtual threads apart, and shows a carrier only its own frames.
     */
    int platformThreadsIn(String prefix) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path file = Files.createTempFile("beam-threads-", ".txt");
        Files.delete(file);
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.dump_to_file", "-format=text",
                    file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0) {
                dump.destroyForcibly();
                throw new IOException("jcmd " + pid + " Thread.dump_to_file failed");
            }
            int count = 0;
            boolean platform = false;
            boolean counted = false;
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("#")) {
                    platform = !line.matches("#\\d+ \".*\" virtual\\b.*");
                    counted = false;
                } else if (platform && !counted && line.strip().replaceFirst("^at ", "").startsWith(prefix)) {
                    count++;
                    counted = true;
                }
            }
            return count;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Heap in use after a full collection (jcmd GC.run), as the server's /metrics reports it. */
    long heapAfterGc() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            gc.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run failed");
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestServer.managementUri().resolve("/metrics?scope=base"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("memory_usedHeap_bytes"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .mapToLong(value -> (long) Double.parseDouble(value))
                .findFirst().orElseThrow(() -> new IOException("no memory_usedHeap_bytes in /metrics?scope=base"));
    }

    /** Usage after a full collection, which also closes what unreachable objects held. */
    Usage usageAfterGc() throws IOException, InterruptedException {
        long heap = heapAfterGc();
        return new Usage(threads(), descriptors(), heap);
    }
}
