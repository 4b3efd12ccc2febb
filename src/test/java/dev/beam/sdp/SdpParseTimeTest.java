package dev.beam.sdp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Parse time stays linear in the offer's size: offers built by repeating one part k and 8k times must cost
 * about the same per character. Time is this thread's CPU time, the best of several batches, so that a busy
 * machine does not count; the allowed factor (3 where linear gives 1 and quadratic about 8) leaves room for
 * caches and the JIT.
 */
class SdpParseTimeTest {
    private static final String SESSION = "v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
            + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\na=setup:actpass\r\n";
    private static final double MAX_FACTOR = 3.0;

    @Test
    void manyFormatsWithTheirAttributes() {
        assertLinear("formats", k -> {
            StringBuilder formats = new StringBuilder();
            StringBuilder attributes = new StringBuilder();
            for (int i = 0; i < k; i++) {
                int pt = 30 + i;
                formats.append(' ').append(pt);
                attributes.append("a=rtpmap:").append(pt).append(" VP8/90000\r\na=rtcp-fb:").append(pt)
                        .append(" nack\r\na=rtcp-fb:").append(pt).append(" nack pli\r\na=fmtp:").append(pt)
                        .append(" x-google-start-bitrate=1000\r\n");
            }
            return SESSION + "m=video 9 UDP/TLS/RTP/SAVPF" + formats + "\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                    + "a=sendonly\r\na=rtcp-mux\r\n" + attributes;
        }, 12, 96);
    }

    @Test
    void manyMediaSections() {
        assertLinear("m-lines", k -> {
            StringBuilder bundle = new StringBuilder("a=group:BUNDLE");
            for (int i = 0; i < k; i++) {
                bundle.append(' ').append(i);
            }
            StringBuilder sdp = new StringBuilder(SESSION.replace("a=group:BUNDLE 0", bundle));
            for (int i = 0; i < k; i++) {
                sdp.append("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:").append(i)
                        .append("\r\na=sendonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n")
                        .append("a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtcp-fb:111 transport-cc\r\n")
                        .append("a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\n");
            }
            return sdp.toString();
        }, 2, 16);
    }

    @Test
    void manySsrcLines() {
        assertLinear("ssrcs", k -> {
            StringBuilder sdp = new StringBuilder(SESSION + "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n"
                    + "c=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n"
                    + "a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n");
            for (int i = 0; i < k; i++) {
                sdp.append("a=ssrc-group:FID ").append(1000 + 2 * i).append(' ').append(1001 + 2 * i)
                        .append("\r\na=ssrc:").append(1000 + 2 * i).append(" cname:beam\r\n");
            }
            return sdp.toString();
        }, 22, 176);
    }

    private static void assertLinear(String what, IntFunction<String> offer, int small, int large) {
        String a = offer.apply(small);
        String b = offer.apply(large);
        assertTrue(b.length() <= SdpLimits.MAX_CHARS, what + ": " + b.length() + " characters");
        try {
            OfferParser.parse(b); // the shapes are valid offers: the whole parser runs
        } catch (SdpException e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
        double[] best = bestNanos(a, b);
        double perCharA = best[0] / a.length();
        double perCharB = best[1] / b.length();
        double factor = perCharB / perCharA;
        assertTrue(factor < MAX_FACTOR, what + ": " + a.length() + " chars at " + perCharA + " ns/char, "
                + b.length() + " chars at " + perCharB + " ns/char, factor " + factor);
    }

    /**
     * The least CPU time one parse of each offer took, per batch of parses, over several rounds
     * after a warm-up. The two are measured in alternating batches, so that both see the same
     * compiled code and the same interference from the rest of the machine.
     */
    private static double[] bestNanos(String... offers) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] best = new double[offers.length];
        Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round < 16; round++) {
            for (int o = 0; o < offers.length; o++) {
                String sdp = offers[o];
                int perBatch = Math.max(20, 400_000 / sdp.length());
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perBatch; i++) {
                    try {
                        OfferParser.parse(sdp);
                    } catch (SdpException e) {
                        throw new AssertionError(e);
                    }
                }
                long spent = threads.getCurrentThreadCpuTime() - start;
                if (round >= 4) {
                    best[o] = Math.min(best[o], (double) spent / perBatch);
                }
            }
        }
        return best;
    }
}
