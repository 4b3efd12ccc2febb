package dev.beam.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nftables rules in the test's own network namespace that break a media path for a while: every
 * packet to or from the server's media port (UDP and TCP) is dropped, except those of one peer's
 * port, which keeps that peer (a broadcaster) going.
 */
final class NetworkCut implements AutoCloseable {
    static final Path NFT = Path.of("/usr/sbin/nft");
    private static final String TABLE = "beamcut";

    private boolean active;

    /** Cuts every path to the media port but the one from {@code sparedPort}. */
    static NetworkCut allBut(int mediaPort, int sparedPort) throws Exception {
        NetworkCut cut = open();
        nft("add", "rule", "inet", TABLE, "out", "udp", "sport", Integer.toString(mediaPort), "udp", "dport", "!=",
                Integer.toString(sparedPort), "drop");
        nft("add", "rule", "inet", TABLE, "out", "udp", "dport", Integer.toString(mediaPort), "udp", "sport", "!=",
                Integer.toString(sparedPort), "drop");
        nft("add", "rule", "inet", TABLE, "out", "tcp", "sport", Integer.toString(mediaPort), "drop");
        nft("add", "rule", "inet", TABLE, "out", "tcp", "dport", Integer.toString(mediaPort), "drop");
        return cut;
    }

    /**
     * Drops UDP to the media port from every port but {@code sparedPorts}, as a network that lets
     * no UDP out would: TCP to the media port (ICE over TCP) still passes.
     */
    static NetworkCut udpBut(int mediaPort, List<Integer> sparedPorts) throws Exception {
        NetworkCut cut = open();
        String spared = "{ " + String.join(", ", sparedPorts.stream().map(String::valueOf).toList()) + " }";
        nft("add", "rule", "inet", TABLE, "out", "udp", "dport", Integer.toString(mediaPort), "udp", "sport", "!=",
                spared, "drop");
        return cut;
    }

    /** The test's table with an output chain, which loopback traffic passes; closing removes it. */
    private static NetworkCut open() throws Exception {
        NetworkCut cut = new NetworkCut();
        nft("add", "table", "inet", TABLE);
        cut.active = true;
        nft("add", "chain", "inet", TABLE, "out", "{ type filter hook output priority 0; }");
        return cut;
    }

    /** Mends the path. */
    @Override
    public void close() throws Exception {
        if (active) {
            active = false;
            nft("delete", "table", "inet", TABLE);
        }
    }

    private static void nft(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(NFT.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("nft " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    static boolean available() {
        return Files.isExecutable(NFT);
    }
}
