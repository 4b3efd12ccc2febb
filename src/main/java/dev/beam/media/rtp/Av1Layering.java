package dev.beam.media.rtp;

/**
 * The temporal layers of one AV1 stream, read from its dependency descriptors (AV1 RTP payload format,
 * appendix A) against the template dependency structure the stream last attached, kept here: a frame's
 * temporal layer is its template's, and its start is start_of_frame.
 *
 * <p>A viewer whose cap is below its target moves up at a frame whose decode target indication is Switch
 * (A.2: all later frames of that decode target are decodable if this one is; A.7: an SFM may begin
 * forwarding a decode target at such a frame, decodable here as its references are all in the layers
 * forwarded) for a decode target of the stream's top spatial layer whose
 * temporal layers go above the cap and not above the target: the new cap is that decode target's highest
 * temporal layer. In Chromium's L1T3, a T0 frame (SSS) lets a viewer on T0 up to T1 or all, a T1 frame
 * (-DS) lets a viewer on T0 and T1 up to all. Keyframes are left to the caller (any layer may follow one).
 *
 * <p>The structure is written by the stream's receive path ({@link #keep}) and read by the forwarding
 * threads; a descriptor that names a template the structure lacks, and a packet without a descriptor,
 * read as layer 0, which is never dropped.
 */
public final class Av1Layering implements TemporalLayerReader {
    private final int extensionId;
    private volatile DependencyStructure structure;

    /** @param extensionId the id the broadcaster's descriptors come under (RFC 8285), 1..255 */
    public Av1Layering(int extensionId) {
        this.extensionId = extensionId;
    }

    public int extensionId() {
        return extensionId;
    }

    /** The structure in force, or null before the first. */
    public DependencyStructure structure() {
        return structure;
    }

    /** A structure the stream attached: it holds from its frame on. */
    public void keep(DependencyStructure attached) {
        structure = attached;
    }

    @Override
    public int temporalLayer(byte[] buf, int off, int len) {
        int at = RtpPacket.findExtension(buf, off, len, extensionId);
        DependencyStructure s = structure;
        if (at < 0 || s == null) {
            return 0;
        }
        int template = s.templateIndex(DependencyDescriptor.templateId(buf, at, RtpPacket.extensionLength(buf, off,
                len, at)));
        return template < 0 ? 0 : s.temporalId(template);
    }

    @Override
    public boolean startsFrame(byte[] buf, int off, int len) {
        int at = RtpPacket.findExtension(buf, off, len, extensionId);
        return at >= 0 && DependencyDescriptor.startOfFrame(buf, at, RtpPacket.extensionLength(buf, off, len, at));
    }

    @Override
    public int raisedCap(byte[] buf, int off, int len, int cap, int target) {
        int at = RtpPacket.findExtension(buf, off, len, extensionId);
        DependencyStructure s = structure;
        if (at < 0 || s == null) {
            return cap;
        }
        int n = RtpPacket.extensionLength(buf, off, len, at);
        int topSpatial = s.spatialLayers() - 1;
        int best = cap;
        int highest = 0;
        for (int d = 0; d < s.decodeTargetCount(); d++) {
            int layer = s.decodeTargetTemporalId(d);
            if (s.decodeTargetSpatialId(d) != topSpatial) {
                continue;
            }
            highest = Math.max(highest, layer);
            if (layer > best && layer <= target
                    && DependencyDescriptor.dti(buf, at, n, s, d) == DependencyStructure.SWITCH) {
                best = layer;
            }
        }
        // Up to the top layer: every layer, as a target above it (all layers) asks.
        return best > cap && best == highest ? target : best;
    }
}
