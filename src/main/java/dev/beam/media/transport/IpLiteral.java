package dev.beam.media.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads an IPv4 or IPv6 address literal without ever asking a resolver: {@link InetAddress#getByName}
 * would look a name up in DNS and block the request that carried it. IPv4 is the dotted-decimal form
 * of RFC 791 (no leading zeros, which some readers take for octal); IPv6 is RFC 4291 §2.2's text form,
 * "::" and a trailing dotted IPv4 included, with no zone.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** The address the text spells, or empty when it is anything but an IP literal (a name, say). */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            // The literal doubles as the host name, so that nothing (a log line of ice4j, say) ever looks the
            // address up in reverse either.
            return Optional.of(InetAddress.getByAddress(text, bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // not reached: the length is always 4 or 16
        }
    }

    /** Four decimal parts of 0-255, or null. */
    static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                continue;
            }
            int value = decimalOctet(text, start, i);
            if (value < 0 || part == 4) {
                return null;
            }
            bytes[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? bytes : null;
    }

    private static int decimalOctet(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 3 || (length > 1 && text.charAt(from) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    /** Eight groups of 1-4 hex digits, at most one "::" standing for one or more zero groups, or null. */
    static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        int[] tail = gap >= 0 ? groups(text.substring(gap + 2), true) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            put(bytes, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            put(bytes, 8 - tail.length + i, tail[i]);
        }
        return bytes;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /**
     * The 16-bit groups of a colon-separated run; an IPv4 literal may end the last run (RFC 4291 §2.2
     * form 3) and counts as two groups. Null when malformed.
     */
    private static int[] groups(String run, boolean last) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        int dotted = last && parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
        if (parts.length + dotted > 8) {
            return null;
        }
        int[] groups = new int[parts.length + dotted];
        for (int i = 0; i < parts.length - dotted; i++) {
            int value = hexGroup(parts[i]);
            if (value < 0) {
                return null;
            }
            groups[i] = value;
        }
        if (dotted == 1) {
            byte[] v4 = ipv4(parts[parts.length - 1]);
            if (v4 == null) {
                return null;
            }
            groups[parts.length - 1] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            groups[parts.length] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return groups;
    }

    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
