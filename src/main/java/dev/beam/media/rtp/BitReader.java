package dev.beam.media.rtp;

/**
 * Reads bit fields most significant bit first, as the AV1 RTP payload format's syntax does (its f(n) and
 * ns(n), from the AV1 bitstream specification §4.10). Reading past the end gives 0 and sets
 * {@link #overrun()}, so that a parser can read on and check once. Reusable: {@link #reset} per input.
 */
final class BitReader {
    private byte[] buf;
    private int start;
    private int endBit;
    private int position;
    private boolean overrun;

    BitReader reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.start = off;
        this.endBit = 8 * len;
        this.position = 0;
        this.overrun = false;
        return this;
    }

    /** f(n): an unsigned n-bit number, n at most 31. */
    int read(int n) {
        if (n > endBit - position) {
            overrun = true;
            position = endBit;
            return 0;
        }
        int value = bits(buf, start, position, n);
        position += n;
        return value;
    }

    boolean readFlag() {
        return read(1) != 0;
    }

    /** ns(n): a number in 0..n-1 in the non-symmetric code, w - 1 or w bits where w is n's bit length. */
    int readNonSymmetric(int n) {
        int w = 32 - Integer.numberOfLeadingZeros(n);
        int m = (1 << w) - n;
        int v = read(w - 1);
        if (v < m) {
            return v;
        }
        return (v << 1) - m + read(1);
    }

    /** Bits read so far. */
    int position() {
        return position;
    }

    boolean overrun() {
        return overrun;
    }

    /** An n-bit field at a bit position of {@code buf[off .. off+len)}, or -1 when it does not fit. */
    static int at(byte[] buf, int off, int len, int bitPosition, int n) {
        if (bitPosition < 0 || n > 8 * len - bitPosition) {
            return -1;
        }
        return bits(buf, off, bitPosition, n);
    }

    /** The n bits from a bit position counted from {@code buf[off]}, known to be there. */
    private static int bits(byte[] buf, int off, int bitPosition, int n) {
        int value = 0;
        for (int i = 0; i < n; i++) {
            int bit = bitPosition + i;
            value = value << 1 | (buf[off + (bit >>> 3)] >>> (7 - (bit & 7))) & 1;
        }
        return value;
    }
}
