package dev.beam.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packet filter rules in the test's own network namespace (nftables, which bin/test's namespace
 * lets a test change): one table of the test's, on the output hook, which loopback traffic
 * passes. Removing the table removes every rule the test added.
 */
final class Nftables implements AutoCloseable {
    static final Path NFT = Path.of("/usr/sbin/nft");
    private static final String TABLE = "beamtest";

    private Nftables() throws IOException, InterruptedException {
        run("add", "table", "inet", TABLE);
        run("add", "chain", "inet", TABLE, "out", "{ type filter hook output priority 0; }");
    }

    /** Skips or fails (as browser tests do) where nft is missing; else a fresh table of the test's. */
    static Nftables open() throws IOException, InterruptedException {
        if (!Files.isExecutable(NFT)) {
            Browsers.skipOrFail("nftables is not installed (apt-get install nftables)");
        }
        return new Nftables();
    }

    /** Adds a rule to the output chain, e.g. {@code udp dport 10000 drop}. */
    void addOutputRule(String rule) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("add", "rule", "inet", TABLE, "out"));
        command.addAll(List.of(rule.split(" ")));
        run(command.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("delete", "table", "inet", TABLE);
    }

    private static void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(NFT.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("nft did not finish: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("nft failed (" + process.exitValue() + "): " + command + ": " + output);
        }
    }
}
