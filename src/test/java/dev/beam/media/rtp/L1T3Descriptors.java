package dev.beam.media.rtp;

/**
 * Dependency descriptors as Chromium sends them for AV1 in L1T3 (one spatial layer, three temporal layers),
 * built bit by bit from the AV1 RTP spec's syntax (appendix A.8.2) and the structure libwebrtc declares for
 * L1T3: three decode targets (DT0 = T0, DT1 = T0+T1, DT2 = all), one chain protecting all three, and five
 * templates:
 *
 * <pre>
 *  index  layer  DTIs (DT0 DT1 DT2)  fdiffs  chain fdiff
 *    0     T0     S   S   S            -        0       the keyframe
 *    1     T0     S   S   S            4        4       T0 after T0, four frames back
 *    2     T1     -   D   S            2        2       T1, two frames after T0
 *    3     T2     -   -   D            1        1       T2 right after T0
 *    4     T2     -   -   D            1        3       T2 right after T1
 * </pre>
 *
 * The keyframe's first packet attaches the structure (template_id_offset, then the five templates' layers,
 * DTIs, fdiffs and chains, then the render resolution), 20 bytes, which only the two-byte header form can
 * carry; every other packet has the 3 mandatory bytes. The frame pattern repeats T0 T2 T1 T2.
 */
public final class L1T3Descriptors {
    /** The template index of each frame of the pattern after a keyframe: T0(1), T2(3), T1(2), T2(4). */
    public static final int[] PATTERN_TEMPLATES = {1, 3, 2, 4};
    public static final int[] PATTERN_LAYERS = {0, 2, 1, 2};

    private L1T3Descriptors() {
    }

    /** The keyframe's descriptor, with the structure, for a 1280x720 stream. */
    public static byte[] keyframe(int templateIdOffset, int frameNumber, boolean start, boolean end) {
        BitString b = new BitString();
        mandatory(b, start, end, templateIdOffset, frameNumber);
        // extended_descriptor_fields(): structure present, no active mask, no custom DTIs, fdiffs or chains.
        b.flag(true).flag(false).flag(false).flag(false).flag(false);
        // template_dependency_structure()
        b.bits(templateIdOffset, 6).bits(3 - 1, 5);
        // template_layers(): after each template, 0 = same layers, 1 = next temporal id, 3 = no more.
        b.bits(0, 2).bits(1, 2).bits(1, 2).bits(0, 2).bits(3, 2);
        // template_dtis(): 0 not present, 1 discardable, 2 switch, 3 required.
        int[][] dtis = {{2, 2, 2}, {2, 2, 2}, {0, 1, 2}, {0, 0, 1}, {0, 0, 1}};
        for (int[] template : dtis) {
            for (int dti : template) {
                b.bits(dti, 2);
            }
        }
        // template_fdiffs(): fdiff_follows_flag, fdiff_minus_one in 4 bits, ..., then a 0 flag.
        int[] fdiffs = {0, 4, 2, 1, 1};
        for (int fdiff : fdiffs) {
            if (fdiff > 0) {
                b.flag(true).bits(fdiff - 1, 4);
            }
            b.flag(false);
        }
        // template_chains(): chain_cnt = ns(DtCnt + 1) = 1, each DT protected by ns(1) = chain 0 (no bits),
        // then each template's chain fdiff in 4 bits.
        b.nonSymmetric(1, 4);
        for (int d = 0; d < 3; d++) {
            b.nonSymmetric(0, 1);
        }
        for (int chain : new int[] {0, 4, 2, 1, 3}) {
            b.bits(chain, 4);
        }
        // decode_target_layers() is derived, no bits; resolutions_present_flag and 1280x720 minus one.
        b.flag(true).bits(1280 - 1, 16).bits(720 - 1, 16);
        return b.bytes();
    }

    /** The structure {@link #keyframe} attaches, as the parser reads it. */
    public static DependencyStructure structure(int templateIdOffset) {
        DependencyDescriptor parser = new DependencyDescriptor();
        byte[] key = keyframe(templateIdOffset, 0, true, true);
        if (!parser.parse(key, 0, key.length, null)) {
            throw new AssertionError("the L1T3 keyframe descriptor does not parse");
        }
        return parser.attachedStructure();
    }

    /** A later frame's descriptor: the mandatory fields only. */
    public static byte[] frame(int templateIdOffset, int templateIndex, int frameNumber, boolean start, boolean end) {
        BitString b = new BitString();
        mandatory(b, start, end, (templateIdOffset + templateIndex) % 64, frameNumber);
        return b.bytes();
    }

    private static void mandatory(BitString b, boolean start, boolean end, int templateId, int frameNumber) {
        b.flag(start).flag(end).bits(templateId, 6).bits(frameNumber, 16);
    }
}
