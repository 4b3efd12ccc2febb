package dev.beam.stream;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What the server numbers its media sessions with: the wire's producer, consumer and transport
 * ids, and the SSRCs of the streams it sends viewers, all drawn from one {@link SecureRandom}.
 */
final class StreamIds {
    private final SecureRandom random = new SecureRandom();

    /** A random non-zero SSRC for what the server sends a viewer. */
    long newSsrc() {
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xFFFFFFFFL;
        } while (ssrc == 0);
        return ssrc;
    }

    String newId(String prefix) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }
}
