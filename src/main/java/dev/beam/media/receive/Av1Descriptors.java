package dev.beam.media.receive;

import dev.beam.media.rtp.Av1Layering;
import dev.beam.media.rtp.DependencyDescriptor;
import dev.beam.media.rtp.RtpPacket;

/**
 * The dependency descriptors of one AV1 stream that has them (AV1 RTP payload format, appendix A), read on
 * its receive path: a structure a descriptor attaches is parsed once and kept, in the stream's
 * {@link Av1Layering}, for the viewers' forwarding threads to read temporal layers with; and keyframes are
 * told by the descriptor. The broadcaster's worker's alone, as the receive path is.
 */
final class Av1Descriptors {
    private final Av1Layering layering;
    private final DependencyDescriptor descriptor = new DependencyDescriptor();

    Av1Descriptors(int extensionId) {
        this.layering = new Av1Layering(extensionId);
    }

    Av1Layering layering() {
        return layering;
    }

    /**
     * Whether the packet starts a keyframe: with a descriptor, the first packet of a frame that attaches a
     * structure and refers to no other frame (A.8.3: a coded video sequence's first packet attaches it), so
     * that a viewer starting there gets the structure its own descriptors need; without one, the aggregation
     * header's N bit. A structure attached is kept whatever the frame.
     */
    boolean startsKeyframe(byte[] packet, int length) {
        int at = RtpPacket.findExtension(packet, 0, length, layering.extensionId());
        if (at < 0) {
            return KeyframeDetector.AV1.startsKeyframe(packet, length);
        }
        int n = RtpPacket.extensionLength(packet, 0, length, at);
        if (!DependencyDescriptor.attachesStructure(packet, at, n)
                || !descriptor.parse(packet, at, n, layering.structure())) {
            return false;
        }
        layering.keep(descriptor.attachedStructure());
        return descriptor.startOfFrame() && descriptor.fdiffCount() == 0;
    }
}
