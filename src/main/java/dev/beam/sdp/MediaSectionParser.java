package dev.beam.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one m= section (its m= line and attributes) into a {@link MediaDescription}. */
final class MediaSectionParser {

    /** A parsed section plus the m= line port, which decides whether the offerer itself disabled it. */
    record Parsed(MediaDescription media, int port, boolean bundleOnly, List<String> lines) {
        /** Port 0 without a=bundle-only means rejected/disabled (RFC 3264 §6, RFC 8843 §6). */
        boolean live() {
            return port != 0 || bundleOnly;
        }
    }

    /** Payload types with a static meaning (RFC 3551 §6), used when the offer has no a=rtpmap for them. */
    private static final Map<Integer, Codec> STATIC_PAYLOADS = Map.of(
            0, new Codec(0, "PCMU", 8000, 1, "", List.of()),
            8, new Codec(8, "PCMA", 8000, 1, "", List.of()),
            9, new Codec(9, "G722", 8000, 1, "", List.of()));

    private static final Pattern SPACES = Pattern.compile(" +");
    /** Formats on one m= line; browsers list about 40. Bounds the codec work of a section. */
    static final int MAX_FORMATS = 128;
    /** a=rtcp-fb:* lines of one section, which apply to every format; browsers send none. */
    static final int MAX_WILDCARD_FEEDBACK = 16;

    private MediaSectionParser() {
    }

    static Parsed parse(List<String> lines, Direction sessionDirection) throws SdpException {
        // m=<media> <port>[/<count>] <proto> <fmt> ... (RFC 8866 §5.14)
        String[] m = lines.get(0).substring(2).split(" ");
        if (m.length < 4) {
            throw new SdpException("the offer's m= line \"" + abbreviate(lines.get(0)) + "\" needs a media type, port,"
                    + " protocol and at least one format (RFC 8866 §5.14)");
        }
        String rawKind = m[0];
        int port = number(m[1].split("/")[0], 0, 65535, "port of the " + rawKind + " m-line");
        String protocol = m[2];
        List<String> formats = List.of(m).subList(3, m.length);
        if (formats.size() > MAX_FORMATS) {
            throw new SdpLimitException("the offer's " + abbreviate(rawKind) + " m-line lists " + formats.size() + " formats; at"
                    + " most " + MAX_FORMATS + " are accepted");
        }
        String mid = SdpText.attribute(lines, "mid");
        if (mid != null && !mid.matches("[A-Za-z0-9!#$%&'*+.^_`{|}~-]{1,32}")) {
            throw new SdpException("the offer's " + rawKind + " m-line has an invalid a=mid (a token of at most 32"
                    + " characters is expected, RFC 5888 §4)");
        }
        MediaKind kind = MediaKind.fromWire(rawKind);
        boolean rtp = protocol.contains("RTP/");
        String label = rawKind + " m-line" + (mid == null ? "" : " (mid " + mid + ")");
        MediaDescription media = new MediaDescription(kind, mid, direction(lines, sessionDirection),
                SdpText.hasAttribute(lines, "rtcp-mux"), protocol,
                rtp ? codecs(lines, formats, label) : List.of(),
                extensions(lines, label), primarySsrcs(lines, label), rawKind,
                SdpText.hasAttribute(lines, "rtcp-rsize"), formats,
                SimulcastSectionParser.sendLayers(lines, label), fidSsrcs(lines, label),
                SdpText.hasAttribute(lines, "extmap-allow-mixed"));
        return new Parsed(media, port, SdpText.hasAttribute(lines, "bundle-only"), lines);
    }

    /** The section's direction attribute, else the session's, else sendrecv (RFC 8866 §6.7). */
    static Direction direction(List<String> lines, Direction fallback) {
        Direction found = null;
        for (String line : lines) {
            // "a=" and one of the four eight-letter names (RFC 8866 §6.7)
            Direction d = line.length() == 10 && line.startsWith("a=") ? Direction.fromAttribute(line.substring(2))
                    : null;
            found = d != null ? d : found;
        }
        return found != null ? found : fallback;
    }

    private static List<Codec> codecs(List<String> lines, List<String> formats, String label) throws SdpException {
        Map<Integer, String> rtpmaps = new LinkedHashMap<>();
        for (String value : SdpText.attributes(lines, "rtpmap")) {
            String[] parts = value.split(" ", 2);
            rtpmaps.put(payloadType(parts[0], label), parts.length > 1 ? parts[1].trim() : "");
        }
        Map<Integer, String> fmtps = new LinkedHashMap<>();
        for (String value : SdpText.attributes(lines, "fmtp")) {
            String[] parts = value.split(" ", 2);
            fmtps.put(payloadType(parts[0], label), parts.length > 1 ? parts[1].trim() : "");
        }
        Map<String, List<Feedback>> feedback = feedback(lines);
        List<Feedback> anyFormat = feedback.getOrDefault("*", List.of());
        if (anyFormat.size() > MAX_WILDCARD_FEEDBACK) {
            throw new SdpLimitException("the offer's " + label + " has " + anyFormat.size() + " a=rtcp-fb:* lines;"
                    + " at most " + MAX_WILDCARD_FEEDBACK + " are accepted");
        }
        List<Codec> codecs = new ArrayList<>();
        for (String format : formats) {
            int pt = payloadType(format, label);
            List<String> values = Feedback.merge(feedback.getOrDefault(format, List.of()), anyFormat);
            String rtpmap = rtpmaps.get(pt);
            Codec codec = rtpmap != null ? fromRtpmap(pt, rtpmap, label) : STATIC_PAYLOADS.get(pt);
            if (codec != null) {
                codecs.add(new Codec(pt, codec.name(), codec.clockRate(), codec.channels(),
                        fmtps.getOrDefault(pt, ""), values));
            }
        }
        return codecs;
    }

    /** a=rtpmap:<pt> <name>/<clock rate>[/<channels>] (RFC 8866 §6.6); channels default to 1. */
    private static Codec fromRtpmap(int pt, String value, String label) throws SdpException {
        String[] parts = value.split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw new SdpException("the offer's " + label + " has a malformed a=rtpmap for payload type " + pt
                    + " (expected <name>/<clock rate>[/<channels>], RFC 8866 §6.6)");
        }
        int clock = number(parts[1], 1, Integer.MAX_VALUE, "clock rate of payload type " + pt);
        int channels = parts.length == 3 ? number(parts[2], 1, 255, "channel count of payload type " + pt) : 1;
        return new Codec(pt, parts[0], clock, channels, "", List.of());
    }

    /** One a=rtcp-fb value and where its line stands in the section. */
    private record Feedback(int line, String value) {
        /** The values of two lists in line order, without duplicates. */
        static List<String> merge(List<Feedback> a, List<Feedback> b) {
            Set<String> values = new LinkedHashSet<>();
            int i = 0;
            int j = 0;
            while (i < a.size() || j < b.size()) {
                boolean fromA = j == b.size() || (i < a.size() && a.get(i).line() < b.get(j).line());
                values.add(fromA ? a.get(i++).value() : b.get(j++).value());
            }
            return List.copyOf(values);
        }
    }

    /**
     * The a=rtcp-fb values by the format they name, "*" for all (RFC 4585 §4.2): read once for the section
     * rather than once per format, which would be quadratic in a crafted offer.
     */
    private static Map<String, List<Feedback>> feedback(List<String> lines) {
        Map<String, List<Feedback>> byFormat = new HashMap<>();
        List<String> values = SdpText.attributes(lines, "rtcp-fb");
        for (int i = 0; i < values.size(); i++) {
            String[] parts = values.get(i).split(" ", 2);
            if (parts.length == 2) {
                byFormat.computeIfAbsent(parts[0], f -> new ArrayList<>())
                        .add(new Feedback(i, SPACES.matcher(parts[1].trim()).replaceAll(" ")));
            }
        }
        return byFormat;
    }

    /** a=extmap:<id>[/<direction>] <uri> [<attributes>] (RFC 8285 §5); ids are 1-14 or 1-255 (two-byte form). */
    private static List<HeaderExtension> extensions(List<String> lines, String label) throws SdpException {
        List<HeaderExtension> extensions = new ArrayList<>();
        for (String value : SdpText.attributes(lines, "extmap")) {
            String[] parts = value.split(" ");
            if (parts.length < 2) {
                throw new SdpException("the offer's " + label + " has a malformed a=extmap (expected <id> <uri>,"
                        + " RFC 8285 §5)");
            }
            int id = number(parts[0].split("/")[0], 1, 255, "a=extmap id in the " + label);
            extensions.add(new HeaderExtension(id, parts[1]));
        }
        return extensions;
    }

    /** SSRCs of a=ssrc lines in order, minus the repair stream of each FID / FEC-FR group (RFC 5576 §4.2). */
    private static List<Long> primarySsrcs(List<String> lines, String label) throws SdpException {
        Set<Long> all = new LinkedHashSet<>();
        for (String value : SdpText.attributes(lines, "ssrc")) {
            all.add(ssrc(value.split(" ", 2)[0], label));
        }
        for (String value : SdpText.attributes(lines, "ssrc-group")) {
            String[] parts = value.split(" ");
            if ((parts[0].equals("FID") || parts[0].equals("FEC-FR")) && parts.length >= 3) {
                all.add(ssrc(parts[1], label));
                all.remove(ssrc(parts[2], label));
            }
        }
        return List.copyOf(all);
    }

    /**
     * Each FID group's second SSRC, the retransmission stream, mapped to its first (RFC 5576 §4.2); the first group
     * naming a repair SSRC wins.
     */
    private static Map<Long, Long> fidSsrcs(List<String> lines, String label) throws SdpException {
        Map<Long, Long> repairs = new LinkedHashMap<>();
        for (String value : SdpText.attributes(lines, "ssrc-group")) {
            String[] parts = value.split(" ");
            if (parts[0].equals("FID") && parts.length >= 3) {
                repairs.putIfAbsent(ssrc(parts[2], label), ssrc(parts[1], label));
            }
        }
        return repairs;
    }

    private static long ssrc(String text, String label) throws SdpException {
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= 0xFFFFFFFFL) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SdpException("the offer's " + label + " has an invalid SSRC \"" + abbreviate(text)
                + "\" (a 32-bit unsigned number is expected, RFC 5576 §4.1)");
    }

    private static int payloadType(String text, String label) throws SdpException {
        return number(text, 0, 127, "RTP payload type in the " + label);
    }

    static int number(String text, int min, int max, String what) throws SdpException {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SdpException("the offer has an invalid " + what + ": \"" + abbreviate(text) + "\" (expected a number "
                + min + "-" + max + ")");
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
