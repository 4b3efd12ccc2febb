package dev.beam.testpeer.stun;

import java.nio.charset.StandardCharsets;

/**
 * ERROR-CODE (RFC 8489 §14.8): code = class * 100 + number, class 3..6, number 0..99, then a
 * UTF-8 reason phrase.
 *
 * <pre>
 * |           Reserved, should be 0         |Class|     Number    |
 * |      Reason Phrase (variable)                                ..
 * </pre>
 */
public record StunError(int code, String reason) {

    static StunError decode(byte[] b, int off, int len) {
        if (len < 4) {
            return null;
        }
        int errorClass = b[off + 2] & 0x07;
        int number = b[off + 3] & 0xFF;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            return null;
        }
        return new StunError(errorClass * 100 + number, new String(b, off + 4, len - 4, StandardCharsets.UTF_8));
    }

    byte[] encode() {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + reasonBytes.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(reasonBytes, 0, value, 4, reasonBytes.length);
        return value;
    }
}
