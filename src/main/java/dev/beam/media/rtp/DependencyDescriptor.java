package dev.beam.media.rtp;

/**
 * The AV1 dependency descriptor RTP header extension (AV1 RTP payload format, appendix A), read from an
 * element's data. Every packet of a frame carries one; its first three bytes are the mandatory fields:
 *
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |S|E| template id |          frame number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * S: start_of_frame, E: end_of_frame, then frame_dependency_template_id and frame_number. A longer descriptor
 * goes on with the extended fields (A.8.2): five flags, then the template dependency structure
 * ({@link DependencyStructure}), the active decode targets bitmask, and the frame's own (custom) DTIs, fdiffs
 * and chain differences where they differ from its template's.
 *
 * <p>The static accessors read the mandatory fields in place and never throw. An instance is a reusable
 * parser of whole descriptors: {@link #parse} fills it without allocating, unless the descriptor attaches a
 * structure, which is parsed once into a new {@link DependencyStructure}. Not thread-safe.
 */
public final class DependencyDescriptor {
    /** The mandatory fields' bytes (A.8.2: a descriptor is at least 3 bytes). */
    public static final int MANDATORY_BYTES = 3;
    /** Decode targets are counted in 5 bits (dt_cnt_minus_one). */
    static final int MAX_DECODE_TARGETS = 32;

    private final BitReader in = new BitReader();
    private boolean startOfFrame;
    private boolean endOfFrame;
    private int templateId;
    private int frameNumber;
    private DependencyStructure attached;
    private DependencyStructure structure;
    private long activeDecodeTargets = -1;
    private int templateIndex;
    private boolean customDtis;
    private boolean customFdiffs;
    private boolean customChains;
    private final int[] dtis = new int[MAX_DECODE_TARGETS];
    private final int[] fdiffs = new int[DependencyStructure.MAX_FDIFFS];
    private int fdiffCount;
    private final int[] chainFdiffs = new int[MAX_DECODE_TARGETS];

    // ---- Mandatory fields, read in place ----

    /** start_of_frame of the descriptor in {@code buf[off .. off+len)}; false when it is too short. */
    public static boolean startOfFrame(byte[] buf, int off, int len) {
        return isLongEnough(buf, off, len) && (buf[off] & 0x80) != 0;
    }

    public static boolean endOfFrame(byte[] buf, int off, int len) {
        return isLongEnough(buf, off, len) && (buf[off] & 0x40) != 0;
    }

    /** frame_dependency_template_id, or -1 when the descriptor is too short. */
    public static int templateId(byte[] buf, int off, int len) {
        return isLongEnough(buf, off, len) ? buf[off] & 0x3F : -1;
    }

    /** frame_number, or -1 when the descriptor is too short. */
    public static int frameNumber(byte[] buf, int off, int len) {
        return isLongEnough(buf, off, len) ? Bytes.u16(buf, off + 1) : -1;
    }

    /** Adds {@code delta} to frame_number, modulo 2^16; nothing when the descriptor is too short. */
    public static void shiftFrameNumber(byte[] buf, int off, int len, int delta) {
        if (isLongEnough(buf, off, len)) {
            Bytes.put16(buf, off + 1, (Bytes.u16(buf, off + 1) + delta) & 0xFFFF);
        }
    }

    /** Whether the descriptor has the extended fields and attaches a template dependency structure. */
    public static boolean attachesStructure(byte[] buf, int off, int len) {
        return isLongEnough(buf, off, len) && len > MANDATORY_BYTES && (buf[off + MANDATORY_BYTES] & 0x80) != 0;
    }

    /**
     * The frame's DTI for a decode target, read in place with the structure in force and allocating nothing:
     * its custom DTI where it has one, else its template's; -1 when it cannot be told (no structure, a template
     * it lacks, a structure attached here, which only {@link #parse} reads, or a malformed descriptor).
     */
    public static int dti(byte[] buf, int off, int len, DependencyStructure structure, int decodeTarget) {
        if (structure == null || !isLongEnough(buf, off, len) || decodeTarget < 0
                || decodeTarget >= structure.decodeTargetCount() || attachesStructure(buf, off, len)) {
            return -1;
        }
        int template = structure.templateIndex(buf[off] & 0x3F);
        if (template < 0) {
            return -1;
        }
        if (len == MANDATORY_BYTES || (buf[off + MANDATORY_BYTES] & 0x20) == 0) { // custom_dtis_flag
            return structure.dti(template, decodeTarget);
        }
        // The five flags, then the active decode targets bitmask when present, then the custom DTIs.
        int at = 8 * MANDATORY_BYTES + 5;
        if ((buf[off + MANDATORY_BYTES] & 0x40) != 0) {
            at += structure.decodeTargetCount();
        }
        return BitReader.at(buf, off, len, at + 2 * decodeTarget, 2);
    }

    private static boolean isLongEnough(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= MANDATORY_BYTES && len <= buf.length - off;
    }

    // ---- The whole descriptor ----

    /**
     * Parses the descriptor in {@code buf[off .. off+len)} against {@code latest}, the structure in force
     * before it (null when none is known yet); a structure it attaches takes over for it and is
     * {@link #attachedStructure()}. True when it was read whole and its frame resolved to a template of the
     * structure in force; false for a truncated or malformed descriptor, or one that needs a structure when
     * none is known: the fields are then not to be used. Never throws.
     */
    public boolean parse(byte[] buf, int off, int len, DependencyStructure latest) {
        attached = null;
        structure = latest;
        activeDecodeTargets = -1;
        customDtis = false;
        customFdiffs = false;
        customChains = false;
        fdiffCount = 0;
        templateIndex = -1;
        if (!isLongEnough(buf, off, len)) {
            return false;
        }
        in.reset(buf, off, len);
        // mandatory_descriptor_fields()
        startOfFrame = in.readFlag();
        endOfFrame = in.readFlag();
        templateId = in.read(6);
        frameNumber = in.read(16);
        if (len > MANDATORY_BYTES && !readExtendedFields()) {
            return false;
        }
        return structure != null && readFrameDependencyDefinition() && !in.overrun();
    }

    /** extended_descriptor_fields() */
    private boolean readExtendedFields() {
        boolean structurePresent = in.readFlag();
        boolean activePresent = in.readFlag();
        customDtis = in.readFlag();
        customFdiffs = in.readFlag();
        customChains = in.readFlag();
        if (structurePresent) {
            attached = DependencyStructure.read(in);
            if (attached == null) {
                return false;
            }
            structure = attached;
            activeDecodeTargets = (1L << structure.decodeTargetCount()) - 1;
        }
        if (activePresent) {
            if (structure == null) {
                return false;
            }
            int n = structure.decodeTargetCount();
            activeDecodeTargets = n > 16 ? (long) in.read(n - 16) << 16 | in.read(16) : in.read(n);
        }
        return !in.overrun();
    }

    /** frame_dependency_definition(): the frame's layers, DTIs, fdiffs and chains, custom or its template's. */
    private boolean readFrameDependencyDefinition() {
        templateIndex = structure.templateIndex(templateId);
        if (templateIndex < 0) {
            return false;
        }
        int dtCount = structure.decodeTargetCount();
        for (int d = 0; d < dtCount; d++) {
            dtis[d] = customDtis ? in.read(2) : structure.dti(templateIndex, d);
        }
        if (customFdiffs) {
            // frame_fdiffs(): next_fdiff_size 0 ends the list, else the fdiff minus one in 4 * size bits.
            int size;
            while ((size = in.read(2)) != 0) {
                if (fdiffCount == fdiffs.length || in.overrun()) {
                    return false;
                }
                fdiffs[fdiffCount++] = in.read(4 * size) + 1;
            }
        } else {
            fdiffCount = structure.fdiffCount(templateIndex);
            for (int i = 0; i < fdiffCount; i++) {
                fdiffs[i] = structure.fdiff(templateIndex, i);
            }
        }
        for (int c = 0; c < structure.chainCount(); c++) {
            chainFdiffs[c] = customChains ? in.read(8) : structure.chainFdiff(templateIndex, c);
        }
        return true;
    }

    public boolean startOfFrame() {
        return startOfFrame;
    }

    public boolean endOfFrame() {
        return endOfFrame;
    }

    public int templateId() {
        return templateId;
    }

    public int frameNumber() {
        return frameNumber;
    }

    /** The structure this descriptor attaches, or null. */
    public DependencyStructure attachedStructure() {
        return attached;
    }

    /** The structure its frame was read against: the attached one, else the one passed in. */
    public DependencyStructure structure() {
        return structure;
    }

    /**
     * active_decode_targets_bitmask, bit d for decode target d, when this descriptor sets it (all targets
     * when it attaches a structure without one); -1 when it leaves it as it was.
     */
    public long activeDecodeTargets() {
        return activeDecodeTargets;
    }

    public int templateIndex() {
        return templateIndex;
    }

    public int spatialId() {
        return structure.spatialId(templateIndex);
    }

    public int temporalId() {
        return structure.temporalId(templateIndex);
    }

    public boolean hasCustomDtis() {
        return customDtis;
    }

    public boolean hasCustomFdiffs() {
        return customFdiffs;
    }

    public boolean hasCustomChains() {
        return customChains;
    }

    public int dti(int decodeTarget) {
        return dtis[decodeTarget];
    }

    public int fdiffCount() {
        return fdiffCount;
    }

    /** The difference between this frame's number and that of the frame it refers to. */
    public int fdiff(int index) {
        return fdiffs[index];
    }

    public int chainFdiff(int chain) {
        return chainFdiffs[chain];
    }
}
