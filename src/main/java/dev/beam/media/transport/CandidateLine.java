package dev.beam.media.transport;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * A remote ICE candidate (RFC 8839 §5.1), judged without any name lookup. Its address must be an IP
 * literal: a name would need DNS, which would block the request carrying it. Two kinds that browsers
 * send as a matter of course are ignored rather than refused: mDNS names ending in ".local" (Chromium
 * hides host addresses behind them, draft-ietf-mmusic-mdns-ice-candidates) and TCP candidates (RFC
 * 6544: a browser's are active ones on port 9, and the server, passive over TCP, learns the address
 * from the connection). Everything else malformed is refused with a reason.
 */
public record CandidateLine(String foundation, int component, long priority, InetAddress address, int port,
        String type) {
    /** Longer than any real candidate line, with all its extensions. */
    static final int MAX_LENGTH = 512;

    /** A candidate the server refuses; the message says why and is shown to the client. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The candidate, or empty for one to ignore quietly (mDNS, TCP). Takes the attribute value, with or
     * without a leading "a=" and "candidate:".
     */
    public static Optional<CandidateLine> parse(String line) throws RefusedException {
        if (line.length() > MAX_LENGTH) {
            throw new RefusedException("candidate too long: at most " + MAX_LENGTH + " characters");
        }
        String value = line.strip();
        value = value.startsWith("a=") ? value.substring(2) : value;
        value = value.startsWith("candidate:") ? value.substring("candidate:".length()) : value;
        // foundation component transport priority address port "typ" type (RFC 8839 §5.1)
        String[] f = value.split(" ", 9);
        if (f.length < 8 || !f[6].equals("typ")) {
            throw new RefusedException("malformed candidate: expected \"candidate:<foundation> <component>"
                    + " <transport> <priority> <address> <port> typ <type>\" (RFC 8839 §5.1)");
        }
        String address = f[4].toLowerCase(Locale.ROOT);
        if (address.endsWith(".local") || address.endsWith(".local.")) {
            return Optional.empty();
        }
        InetAddress ip = IpLiteral.parse(f[4]).orElseThrow(() -> new RefusedException("candidate address '"
                + abbreviate(f[4]) + "' is not an IP address: the server takes IPv4 or IPv6 literals only and"
                + " never looks names up"));
        String transport = f[2].toLowerCase(Locale.ROOT);
        if (transport.equals("tcp")) {
            return Optional.empty();
        }
        if (!transport.equals("udp")) {
            throw new RefusedException("candidate transport '" + abbreviate(f[2]) + "' is not usable: the server"
                    + " takes UDP candidates");
        }
        if (!f[0].matches("[A-Za-z0-9+/]{1,32}")) {
            throw new RefusedException("candidate foundation is invalid: 1-32 characters of A-Z a-z 0-9 + /"
                    + " (RFC 8839 §5.1)");
        }
        return Optional.of(new CandidateLine(f[0], (int) number(f[1], 1, 256, "component"),
                number(f[3], 1, 0x7FFFFFFFL, "priority"), ip, (int) number(f[5], 1, 65535, "port"),
                type(f[7])));
    }

    private static String type(String text) throws RefusedException {
        String type = text.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "host", "srflx", "prflx", "relay" -> type;
            default -> throw new RefusedException("candidate type '" + abbreviate(text) + "' is unknown: host,"
                    + " srflx, prflx or relay (RFC 8839 §5.1)");
        };
    }

    private static long number(String text, long min, long max, String what) throws RefusedException {
        if (!text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw new RefusedException("candidate " + what + " '" + abbreviate(text) + "' is invalid: a number "
                + min + "-" + max + " is expected (RFC 8839 §5.1)");
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x21-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
