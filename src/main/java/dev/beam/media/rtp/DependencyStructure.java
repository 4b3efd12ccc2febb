package dev.beam.media.rtp;

import java.util.Arrays;

/**
 * The template dependency structure of an AV1 dependency descriptor (AV1 RTP payload format, appendix A.8.2,
 * template_dependency_structure()): the frame templates a stream's descriptors refer to by id, each with its
 * spatial and temporal layer, decode target indications (DTIs), frame differences (fdiffs) to the frames it
 * refers to, and chain differences; and per decode target, its chain and the layers it includes. A sender
 * attaches it to the first packet of a coded video sequence (A.8.3), a keyframe's; it holds for the stream's
 * descriptors until the next one.
 * Immutable, so one parsed on the receive path can be read by the forwarding threads.
 */
public final class DependencyStructure {
    /** A.8.3 table A.1: the decode target indications, two bits each. */
    public static final int NOT_PRESENT = 0;
    public static final int DISCARDABLE = 1;
    public static final int SWITCH = 2;
    public static final int REQUIRED = 3;
    /** Template ids are 6 bits, so at most 64 templates; the spec's other bounds. */
    static final int MAX_TEMPLATES = 64;
    static final int MAX_SPATIAL_IDS = 4;
    static final int MAX_TEMPORAL_IDS = 8;
    /** Fdiffs per template or frame kept; the syntax has no bound, real structures use a few. */
    static final int MAX_FDIFFS = 16;

    private final int templateIdOffset;
    private final int decodeTargets;
    private final int templates;
    private final byte[] spatialIds;
    private final byte[] temporalIds;
    /** Template t's DTI for decode target d at {@code t * decodeTargets + d}. */
    private final byte[] dtis;
    /** Template t's fdiffs are {@code fdiffs[fdiffStart[t] .. fdiffStart[t + 1])}. */
    private final int[] fdiffStart;
    private final int[] fdiffs;
    private final int chains;
    private final byte[] protectedBy;
    /** Template t's chain c difference at {@code t * chains + c}. */
    private final byte[] chainFdiffs;
    private final byte[] decodeTargetSpatialIds;
    private final byte[] decodeTargetTemporalIds;
    /** Max render width and height per spatial layer, or null when the structure has none. */
    private final int[] renderWidths;
    private final int[] renderHeights;

    private DependencyStructure(int templateIdOffset, int decodeTargets, int templates, byte[] spatialIds,
            byte[] temporalIds, byte[] dtis, int[] fdiffStart, int[] fdiffs, int chains, byte[] protectedBy,
            byte[] chainFdiffs, int[] renderWidths, int[] renderHeights) {
        this.templateIdOffset = templateIdOffset;
        this.decodeTargets = decodeTargets;
        this.templates = templates;
        this.spatialIds = spatialIds;
        this.temporalIds = temporalIds;
        this.dtis = dtis;
        this.fdiffStart = fdiffStart;
        this.fdiffs = fdiffs;
        this.chains = chains;
        this.protectedBy = protectedBy;
        this.chainFdiffs = chainFdiffs;
        this.renderWidths = renderWidths;
        this.renderHeights = renderHeights;
        // decode_target_layers(): the highest layers of the templates present in each decode target.
        decodeTargetSpatialIds = new byte[decodeTargets];
        decodeTargetTemporalIds = new byte[decodeTargets];
        for (int d = 0; d < decodeTargets; d++) {
            for (int t = 0; t < templates; t++) {
                if (dtis[t * decodeTargets + d] != NOT_PRESENT) {
                    decodeTargetSpatialIds[d] = (byte) Math.max(decodeTargetSpatialIds[d], spatialIds[t]);
                    decodeTargetTemporalIds[d] = (byte) Math.max(decodeTargetTemporalIds[d], temporalIds[t]);
                }
            }
        }
    }

    /**
     * Reads template_dependency_structure() from where {@code in} stands; null when it is malformed or runs
     * past the end.
     */
    static DependencyStructure read(BitReader in) {
        int offset = in.read(6);
        int dtCount = in.read(5) + 1;
        // template_layers(): next_layer_idc 0 same layers, 1 next temporal id, 2 next spatial id, 3 the end.
        byte[] spatial = new byte[MAX_TEMPLATES];
        byte[] temporal = new byte[MAX_TEMPLATES];
        int count = 0;
        int spatialId = 0;
        int temporalId = 0;
        int next;
        do {
            if (count == MAX_TEMPLATES) {
                return null;
            }
            spatial[count] = (byte) spatialId;
            temporal[count] = (byte) temporalId;
            count++;
            next = in.read(2);
            if (next == 1) {
                temporalId++;
            } else if (next == 2) {
                temporalId = 0;
                spatialId++;
            }
            if (temporalId >= MAX_TEMPORAL_IDS || spatialId >= MAX_SPATIAL_IDS || in.overrun()) {
                return null;
            }
        } while (next != 3);
        int maxSpatialId = spatialId;
        byte[] dtis = new byte[count * dtCount];
        for (int i = 0; i < dtis.length; i++) {
            dtis[i] = (byte) in.read(2);
        }
        int[] fdiffStart = new int[count + 1];
        int[] fdiffs = new int[count * MAX_FDIFFS];
        int n = 0;
        for (int t = 0; t < count; t++) {
            fdiffStart[t] = n;
            while (in.readFlag()) { // fdiff_follows_flag
                if (n - fdiffStart[t] == MAX_FDIFFS) {
                    return null;
                }
                fdiffs[n++] = in.read(4) + 1;
            }
        }
        fdiffStart[count] = n;
        // template_chains()
        int chainCount = in.readNonSymmetric(dtCount + 1);
        byte[] protectedBy = new byte[chainCount == 0 ? 0 : dtCount];
        byte[] chainFdiffs = new byte[count * chainCount];
        if (chainCount > 0) {
            for (int d = 0; d < dtCount; d++) {
                protectedBy[d] = (byte) in.readNonSymmetric(chainCount);
            }
            for (int i = 0; i < chainFdiffs.length; i++) {
                chainFdiffs[i] = (byte) in.read(4);
            }
        }
        int[] widths = null;
        int[] heights = null;
        if (in.readFlag()) { // resolutions_present_flag: render_resolutions()
            widths = new int[maxSpatialId + 1];
            heights = new int[maxSpatialId + 1];
            for (int s = 0; s <= maxSpatialId; s++) {
                widths[s] = in.read(16) + 1;
                heights[s] = in.read(16) + 1;
            }
        }
        if (in.overrun()) {
            return null;
        }
        return new DependencyStructure(offset, dtCount, count, Arrays.copyOf(spatial, count),
                Arrays.copyOf(temporal, count), dtis, fdiffStart, Arrays.copyOf(fdiffs, n), chainCount, protectedBy,
                chainFdiffs, widths, heights);
    }

    /**
     * The index of the template a descriptor names by {@code templateId}: (id + 64 - template_id_offset) mod
     * 64 (A.8.2, frame_dependency_definition()); -1 when the structure has no such template.
     */
    public int templateIndex(int templateId) {
        int index = (templateId + 64 - templateIdOffset) % 64;
        return templateId < 0 || templateId > 63 || index >= templates ? -1 : index;
    }

    public int templateIdOffset() {
        return templateIdOffset;
    }

    public int decodeTargetCount() {
        return decodeTargets;
    }

    public int templateCount() {
        return templates;
    }

    public int spatialId(int template) {
        return spatialIds[template];
    }

    public int temporalId(int template) {
        return temporalIds[template];
    }

    /** One of {@link #NOT_PRESENT}, {@link #DISCARDABLE}, {@link #SWITCH}, {@link #REQUIRED}. */
    public int dti(int template, int decodeTarget) {
        return dtis[template * decodeTargets + decodeTarget];
    }

    public int fdiffCount(int template) {
        return fdiffStart[template + 1] - fdiffStart[template];
    }

    public int fdiff(int template, int index) {
        return fdiffs[fdiffStart[template] + index];
    }

    public int chainCount() {
        return chains;
    }

    /** The chain that protects a decode target; only when {@link #chainCount()} is not 0. */
    public int protectedBy(int decodeTarget) {
        return protectedBy[decodeTarget];
    }

    public int chainFdiff(int template, int chain) {
        return chainFdiffs[template * chains + chain];
    }

    /** The highest spatial layer of the frames a decode target includes (decode_target_layers()). */
    public int decodeTargetSpatialId(int decodeTarget) {
        return decodeTargetSpatialIds[decodeTarget];
    }

    /** The highest temporal layer of the frames a decode target includes. */
    public int decodeTargetTemporalId(int decodeTarget) {
        return decodeTargetTemporalIds[decodeTarget];
    }

    public boolean hasResolutions() {
        return renderWidths != null;
    }

    /** Max render width of a spatial layer; only when {@link #hasResolutions()}. */
    public int renderWidth(int spatialId) {
        return renderWidths[spatialId];
    }

    public int renderHeight(int spatialId) {
        return renderHeights[spatialId];
    }

    /** The number of spatial layers its templates have. */
    public int spatialLayers() {
        int max = 0;
        for (byte s : spatialIds) {
            max = Math.max(max, s);
        }
        return max + 1;
    }
}
