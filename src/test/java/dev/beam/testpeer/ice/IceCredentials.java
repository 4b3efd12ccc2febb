package dev.beam.testpeer.ice;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** An agent's ufrag and password (RFC 8445 §5.3): ice-chars, at least 4 and 22 of them (RFC 8839 §5.4). */
public record IceCredentials(String ufrag, String password) {
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IceCredentials random(Random random) {
        return new IceCredentials(chars(random, 8), chars(random, 24));
    }

    /** The short-term credential key: the password's bytes (RFC 8489 §9.1.1). */
    public byte[] key() {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private static String chars(Random random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
        }
        return s.toString();
    }
}
