package dev.beam.media.send;

import java.util.Arrays;

/**
 * The last {@value #KEPT} numberings of one send stream (see {@link SendStream}), so that a
 * packet the viewer was sent before a restart or a switch of simulcast layer can still be found
 * and resent as it was first numbered. Added to on the viewer's fan-out shard, read on its worker:
 * published as an immutable array.
 */
final class RecentMappings {
    static final int KEPT = 4;

    private volatile SendStream.Mapping[] kept = new SendStream.Mapping[0];

    void add(SendStream.Mapping mapping) {
        SendStream.Mapping[] current = kept;
        SendStream.Mapping[] next = Arrays.copyOfRange(current, Math.max(0, current.length - KEPT + 1),
                current.length + 1);
        next[next.length - 1] = mapping;
        kept = next;
    }

    /** The mapping the viewer's packet numbered {@code ext} (extended) was sent under, or null. */
    SendStream.Mapping of(long ext) {
        SendStream.Mapping[] current = kept;
        for (int i = current.length - 1; i >= 0; i--) {
            if (ext >= current[i].firstExt()) {
                return current[i];
            }
        }
        return null;
    }
}
