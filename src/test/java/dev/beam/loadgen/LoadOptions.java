package dev.beam.loadgen;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** What one load run does: every option of bin/loadgen, with its default. */
public record LoadOptions(URI server, String room, int viewers, int durationSeconds, int warmupSeconds, int workers,
                          long bitrate, int fps, int keyframeIntervalSeconds, int joinParallel, int joinTimeoutSeconds,
                          int receiverReportSeconds, int consentCheckSeconds, long serverPid, double maxLossPercent,
                          int minConnected) {

    /** -1: no threshold / no server process given. */
    public static final int NONE = -1;

    public static final String USAGE = """
            Usage: bin/loadgen [options]

            Joins one synthetic broadcaster and N receive-only viewers to a room of a running Beam
            server, through its signaling WebSocket (/ws) and media port, like any client; measures
            for --duration seconds after a warm-up; prints a summary and one JSON line starting
            with {"loadgen": for scripts. Only loopback: the server must answer on 127.0.0.1.

              --server URL            the server's HTTP address (default http://localhost:9080)
              --room NAME             room to use (default loadgen-<random>, so runs never meet)
              --viewers N             receive-only viewers (default 50). The server admits
                                      MAX_VIEWERS per room (100 unless set): start it with
                                      MAX_VIEWERS=1000 for bigger runs
              --duration S            seconds measured (default 15)
              --warmup S              seconds between the last viewer joining and the
                                      measurement (default 3)
              --workers W             threads receiving for the viewers, one selector each
                                      (default: number of cores)
              --bitrate BPS           video bit rate, e.g. 2500000, 2500k or 2.5M (default 2.5M)
              --fps N                 video frames per second (default 30)
              --keyframe-interval S   seconds between keyframes, besides those PLI/FIR ask for
                                      (default 2)
              --join-parallel N       viewers joining at once (default 10)
              --join-timeout S        seconds one viewer may take to join (default 20)
              --receiver-reports S    viewers send an empty RTCP receiver report every S seconds
                                      (default 0: none, as libdatachannel clients)
              --consent-checks S      viewers send ICE consent checks of their own every S
                                      seconds (default 0: none; they always answer the server's)
              --server-pid PID        the server's JVM: report its CPU per delivered packet, its
                                      CPU use and its memory per viewer, from /proc/PID
              --max-loss PCT          exit 1 when more than PCT percent of packets are lost
              --min-connected N       exit 1 when fewer than N viewers connect (default: all)
              --help                  this text

            Exit status: 0 when every viewer connected and the thresholds held, 1 when not,
            2 for a bad option or a run that could not start (no server, room refused).

            A viewer that sends nothing but STUN may be closed by servers that judge liveness
            by RTP/RTCP: use --receiver-reports 5 for long runs against such a server.
            """;

    public static LoadOptions defaults() {
        return new LoadOptions(URI.create("http://localhost:9080"), null, 50, 15, 3,
                Runtime.getRuntime().availableProcessors(), 2_500_000, 30, 2, 10, 20, 0, 0, NONE, NONE, NONE);
    }

    /** The room: the one given, else a fresh random one. */
    public String roomOrRandom() {
        return room != null ? room : String.format("loadgen-%08x", ThreadLocalRandom.current().nextInt());
    }

    /** Parses {@code --name value} or {@code --name=value}; IllegalArgumentException says what is wrong. */
    public static LoadOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (name.equals("help")) {
                throw new HelpRequested();
            }
            String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            given.put(name, value);
        }
        LoadOptions d = defaults();
        Options o = new Options(given);
        LoadOptions options = new LoadOptions(o.uri("server", d.server), o.string("room", d.room),
                o.integer("viewers", d.viewers, 0), o.integer("duration", d.durationSeconds, 1),
                o.integer("warmup", d.warmupSeconds, 0), o.integer("workers", d.workers, 1),
                o.bitrate("bitrate", d.bitrate), o.integer("fps", d.fps, 1),
                o.integer("keyframe-interval", d.keyframeIntervalSeconds, 1), o.integer("join-parallel", d.joinParallel, 1),
                o.integer("join-timeout", d.joinTimeoutSeconds, 1), o.integer("receiver-reports", 0, 0),
                o.integer("consent-checks", 0, 0), o.integer("server-pid", NONE, 1), o.decimal("max-loss", NONE),
                o.integer("min-connected", NONE, 0));
        o.rejectUnknown();
        return options;
    }

    /** --help was given: print {@link #USAGE}. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help", null, false, false);
        }
    }

    /** Typed reads of the given options, remembering which were used. */
    private static final class Options {
        private final Map<String, String> given;

        Options(Map<String, String> given) {
            this.given = new HashMap<>(given);
        }

        String string(String name, String fallback) {
            String v = given.remove(name);
            if (v != null && !v.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("--" + name + ": letters, digits, '-' and '_', up to 64");
            }
            return v != null ? v : fallback;
        }

        URI uri(String name, URI fallback) {
            String v = given.remove(name);
            if (v == null) {
                return fallback;
            }
            URI uri = URI.create(v);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("--" + name + ": an http:// or https:// URL, got '" + v + "'");
            }
            return uri;
        }

        int integer(String name, int fallback, int min) {
            String v = given.remove(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min) {
                    throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": not a whole number: '" + v + "'");
            }
        }

        double decimal(String name, double fallback) {
            String v = given.remove(name);
            if (v == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v);
                if (!(d >= 0)) {
                    throw new IllegalArgumentException("--" + name + " must be 0 or more");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": not a number: '" + v + "'");
            }
        }

        /** Bits per second, with an optional k (10^3) or M (10^6). */
        long bitrate(String name, long fallback) {
            String v = given.remove(name);
            if (v == null) {
                return fallback;
            }
            String s = v.trim().toLowerCase(Locale.ROOT);
            double factor = s.endsWith("k") ? 1e3 : s.endsWith("m") ? 1e6 : 1;
            try {
                double bps = Double.parseDouble(factor == 1 ? s : s.substring(0, s.length() - 1)) * factor;
                if (bps < 10_000 || bps > 100e6) {
                    throw new IllegalArgumentException("--" + name + " must be between 10k and 100M, got " + v);
                }
                return (long) bps;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": not a bit rate: '" + v + "'");
            }
        }

        void rejectUnknown() {
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next()
                        + " (see --help)");
            }
        }
    }
}
