package dev.beam.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nftables rules in the test's own network namespace that break media paths to the server's media
 * port for a while, sparing some: a peer's port (a broadcaster's, which keeps going), or a TURN
 * server's relay address. Closing removes them.
 */
final class NetworkCut implements AutoCloseable {
    static final Path NFT = Path.of("/usr/sbin/nft");
    private static final String TABLE = "beamcut";

    private boolean active;

    /** Cuts every path to the media port but the one from {@code sparedPort}. */
    static NetworkCut allBut(int mediaPort, int sparedPort) throws Exception {
        NetworkCut cut = open("output");
        nft("add", "rule", "inet", TABLE, "c", "udp", "sport", Integer.toString(mediaPort), "udp", "dport", "!=",
                Integer.toString(sparedPort), "drop");
        nft("add", "rule", "inet", TABLE, "c", "udp", "dport", Integer.toString(mediaPort), "udp", "sport", "!=",
                Integer.toString(sparedPort), "drop");
        nft("add", "rule", "inet", TABLE, "c", "tcp", "sport", Integer.toString(mediaPort), "drop");
        nft("add", "rule", "inet", TABLE, "c", "tcp", "dport", Integer.toString(mediaPort), "drop");
        return cut;
    }

    /**
     * Drops UDP to the media port from every port but {@code sparedPorts}, as a network that lets
     * no UDP out would: TCP to the media port (ICE over TCP) still passes.
     */
    static NetworkCut udpBut(int mediaPort, List<Integer> sparedPorts) throws Exception {
        NetworkCut cut = open("output");
        String spared = "{ " + String.join(", ", sparedPorts.stream().map(String::valueOf).toList()) + " }";
        nft("add", "rule", "inet", TABLE, "c", "udp", "dport", Integer.toString(mediaPort), "udp", "sport", "!=",
                spared, "drop");
        return cut;
    }

    /**
     * Drops UDP and TCP to the media port unless it comes from {@code address}, counting what it
     * drops: every path to the port but a TURN server's relay (RFC 8656) is cut.
     */
    static NetworkCut allButFrom(String address, int mediaPort) throws Exception {
        // On input: a sender's datagram leaves as from a network that drops it on the way, where a
        // drop on output would fail the send itself (EPERM).
        NetworkCut cut = open("input");
        for (String protocol : List.of("udp", "tcp")) {
            nft("add", "rule", "inet", TABLE, "c", "meta", "nfproto", "ipv4", "ip", "saddr", "!=", address,
                    protocol, "dport", Integer.toString(mediaPort), "counter", "drop");
            nft("add", "rule", "inet", TABLE, "c", "meta", "nfproto", "ipv6", protocol, "dport",
                    Integer.toString(mediaPort), "counter", "drop");
        }
        return cut;
    }

    /** Packets the counting rules dropped so far. */
    long dropped() throws Exception {
        Matcher counters = Pattern.compile("counter packets (\\d+)").matcher(nft("list", "table", "inet", TABLE));
        long packets = 0;
        while (counters.find()) {
            packets += Long.parseLong(counters.group(1));
        }
        return packets;
    }

    /** The test's table with one chain on {@code hook}, which loopback traffic passes; closing removes it. */
    private static NetworkCut open(String hook) throws Exception {
        NetworkCut cut = new NetworkCut();
        nft("add", "table", "inet", TABLE);
        cut.active = true;
        nft("add", "chain", "inet", TABLE, "c", "{ type filter hook " + hook + " priority 0; }");
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

    private static String nft(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(NFT.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("nft " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }

    static boolean available() {
        return Files.isExecutable(NFT);
    }
}
