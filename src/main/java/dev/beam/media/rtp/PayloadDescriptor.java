package dev.beam.media.rtp;

/** Where a codec's payload descriptor puts its fields, for accessors that take a whole RTP packet. */
@FunctionalInterface
interface PayloadDescriptor {
    /** Offset from {@code payloadOff} of a field (the codec's own names), or -1 when absent or cut short. */
    int fieldOffset(byte[] buf, int payloadOff, int payloadLen, int field);

    /** Absolute offset of the field in the RTP packet, or -1 when the packet is invalid or lacks it. */
    default int fieldIn(byte[] buf, int off, int len, int field) {
        if (!RtpPacket.isValid(buf, off, len)) {
            return -1;
        }
        int header = RtpPacket.headerLength(buf, off, len);
        int at = fieldOffset(buf, off + header, len - header - RtpPacket.paddingLength(buf, off, len), field);
        return at < 0 ? -1 : off + header + at;
    }
}
