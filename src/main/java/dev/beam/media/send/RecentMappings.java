package dev.beam.media.send;

import java.util.function.IntToLongFunction;

/**
 * The last {@value #KEPT} numberings of one send stream (see {@link SendStream}), so that a
 * packet the viewer was sent before a restart, a switch of simulcast layer or a dropped frame can
 * still be found and resent as it was first numbered. A numbering ({@link SendStream.Mapping})
 * covers the viewer's numbers from its first on, to the next one's first; with temporal layers
 * dropped a new one starts after each dropped frame, so {@value #KEPT} last about two seconds at
 * 30 frames a second, more than a NACK takes to come back.
 *
 * <p>A ring: added to on the viewer's fan-out shard, read there and on its worker. Each mapping
 * knows its serial, the count of mappings added before it, so that a reader tells a slot
 * overwritten while it read from the one it wanted.
 */
final class RecentMappings {
    static final int KEPT = 64;

    private final SendStream.Mapping[] ring = new SendStream.Mapping[KEPT];
    /** Mappings added so far; written after the slot, so a reader that reads it sees them. */
    private volatile long added;

    /** The serial the next mapping must have. */
    long nextSerial() {
        return added;
    }

    /** Adds the newest mapping, numbered {@link #nextSerial()}; the shard only. */
    void add(SendStream.Mapping mapping) {
        long serial = added;
        if (mapping.serial() != serial) {
            throw new IllegalArgumentException("mapping " + mapping.serial() + " added as " + serial);
        }
        ring[(int) (serial % KEPT)] = mapping;
        added = serial + 1;
    }

    /** The mapping the viewer's packet numbered {@code ext} (extended) was sent under, or null. */
    SendStream.Mapping of(long ext) {
        long count = added;
        for (long i = count - 1; i >= 0 && i >= count - KEPT; i--) {
            SendStream.Mapping m = ring[(int) (i % KEPT)];
            if (m == null || m.serial() != i) {
                return null; // overwritten since: what was sent under it is older than the ring
            }
            if (ext >= m.firstExt()) {
                return m;
            }
        }
        return null;
    }

    /**
     * The mapping of the current restart (the newest mapping's {@code restart}) that the
     * source's packet numbered {@code seq} falls in, for a packet arriving after later ones;
     * null when it came before the restart point or is older than the ring. The shard only.
     *
     * @param viewerExtension extends a 16-bit viewer number near what was last sent
     */
    SendStream.Mapping holding(int seq, IntToLongFunction viewerExtension) {
        long count = added;
        if (count == 0) {
            return null;
        }
        long restart = ring[(int) ((count - 1) % KEPT)].restart();
        for (long i = count - 1; i >= 0 && i >= count - KEPT; i--) {
            SendStream.Mapping m = ring[(int) (i % KEPT)];
            if (m.restart() != restart) {
                return null;
            }
            if (viewerExtension.applyAsLong((seq + m.seqOffset()) & 0xFFFF) >= m.firstExt()) {
                return m;
            }
        }
        return null;
    }
}
