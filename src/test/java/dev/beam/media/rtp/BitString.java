package dev.beam.media.rtp;

import java.io.ByteArrayOutputStream;

/** Writes bit fields most significant bit first, as the AV1 RTP spec's syntax reads them; for tests. */
public final class BitString {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    /** f(n): {@code value} in {@code n} bits. */
    public BitString bits(int value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            current = current << 1 | (value >>> i) & 1;
            if (++used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }
        return this;
    }

    public BitString flag(boolean set) {
        return bits(set ? 1 : 0, 1);
    }

    /** ns(n) as the AV1 bitstream spec §4.10.7 decodes it: w - 1 bits below m, else w bits. */
    public BitString nonSymmetric(int value, int n) {
        int w = 32 - Integer.numberOfLeadingZeros(n);
        int m = (1 << w) - n;
        if (value < m) {
            return bits(value, w - 1);
        }
        int v = value + m;
        return bits(v >>> 1, w - 1).bits(v & 1, 1);
    }

    /** The bits so far, zero-padded to whole bytes (A.8.2's zero_padding). */
    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        if (used > 0) {
            copy.write(current << (8 - used));
        }
        return copy.toByteArray();
    }

    public int length() {
        return out.size() * 8 + used;
    }
}
