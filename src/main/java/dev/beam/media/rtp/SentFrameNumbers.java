package dev.beam.media.rtp;

/**
 * The highest AV1 dependency descriptor frame_number one viewer's stream has been sent, in the viewer's
 * numbering, so that a restart on a new source (a simulcast switch) carries on from it: frame numbers must
 * increase strictly in decode order (AV1 RTP payload format, A.8.3), and a new source's own mean nothing to
 * the viewer. Between restarts the offset is fixed, also where temporal layers are dropped: fdiffs name
 * referred frames by their frame number difference, which compacting the numbers would break, and gaps are
 * allowed. Confined to the thread that forwards the stream.
 */
public final class SentFrameNumbers {
    private static final int NONE = -1;

    /** The viewer's id for the descriptor, 0 when it did not negotiate it. */
    private final int extensionId;
    private int highest = NONE;

    public SentFrameNumbers(int extensionId) {
        this.extensionId = extensionId;
    }

    /** The highest frame number sent, or -1 before the first descriptor. */
    public int highest() {
        return highest;
    }

    /**
     * Takes note of a packet as the viewer receives it. A number counts as higher when it is less than half
     * the 16-bit range ahead, so the highest survives wrap-around and ignores late, reordered packets.
     */
    public void sent(byte[] buf, int off, int len) {
        if (extensionId == 0) {
            return;
        }
        int number = frameNumber(buf, off, len, extensionId);
        if (number >= 0 && (highest == NONE || isAhead(number, highest))) {
            highest = number;
        }
    }

    /**
     * What to add to the source's frame numbers from a restart at {@code first}, the first packet forwarded
     * from a new source (a keyframe's, which refers to no earlier frame): it becomes the highest sent + 1,
     * modulo 2^16. 0 before anything was sent, or when {@code first} has no descriptor under
     * {@code sourceExtensionId}.
     */
    public int restartAt(byte[] first, int off, int len, int sourceExtensionId) {
        int number = sourceExtensionId > 0 ? frameNumber(first, off, len, sourceExtensionId) : -1;
        if (highest == NONE || number < 0) {
            return 0;
        }
        return (highest + 1 - number) & 0xFFFF;
    }

    private static int frameNumber(byte[] buf, int off, int len, int id) {
        int at = RtpPacket.findExtension(buf, off, len, id);
        return at < 0 ? -1 : DependencyDescriptor.frameNumber(buf, at, RtpPacket.extensionLength(buf, off, len, at));
    }

    private static boolean isAhead(int value, int highest) {
        int distance = (value - highest) & 0xFFFF;
        return distance != 0 && distance < 0x8000;
    }
}
