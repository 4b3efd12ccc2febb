package dev.beam.media;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded inputs for the media plane's fuzz tests: real packets mutated the ways a network or an
 * attacker would (bit flips, random bytes, extreme length fields, truncation, extension,
 * splices), and plain random bytes. The same seed gives the same cases, so a failure repeats.
 */
public final class Mutator {
    private final Random random;
    private final List<byte[]> seeds;

    public Mutator(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = List.copyOf(seeds);
    }

    /** The next case: one time in eight random bytes, else a seed with one to four mutations. */
    public byte[] next() {
        if (seeds.isEmpty() || random.nextInt(8) == 0) {
            byte[] bytes = new byte[random.nextInt(1600)];
            random.nextBytes(bytes);
            return bytes;
        }
        byte[] packet = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            packet = mutate(packet);
        }
        return packet;
    }

    private byte[] mutate(byte[] packet) {
        int len = packet.length;
        switch (random.nextInt(7)) {
            case 0 -> {
                if (len > 0) {
                    packet[random.nextInt(len)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                if (len > 0) {
                    packet[random.nextInt(len)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                // A 16-bit field (a length, a count) set to an extreme.
                if (len > 1) {
                    int at = random.nextInt(len - 1);
                    int value = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> 0xFFFF;
                        case 2 -> 0x7FFF;
                        default -> random.nextInt(64);
                    };
                    packet[at] = (byte) (value >>> 8);
                    packet[at + 1] = (byte) value;
                }
            }
            case 3 -> {
                return Arrays.copyOf(packet, random.nextInt(len + 1));
            }
            case 4 -> {
                byte[] longer = Arrays.copyOf(packet, len + 1 + random.nextInt(64));
                for (int i = len; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
            }
            case 5 -> {
                // The first byte decides the demux and the version: try every class of it.
                if (len > 0) {
                    packet[0] = (byte) random.nextInt(256);
                }
            }
            default -> {
                // Splice: a piece of another seed over this one.
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                if (len > 0 && other.length > 0) {
                    int from = random.nextInt(other.length);
                    int to = random.nextInt(len);
                    int n = Math.min(other.length - from, len - to);
                    System.arraycopy(other, from, packet, to, n);
                }
            }
        }
        return packet;
    }
}
