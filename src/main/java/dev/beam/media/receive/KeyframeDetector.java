package dev.beam.media.receive;

import dev.beam.media.rtp.Av1;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.rtp.Vp8;
import dev.beam.media.rtp.Vp9;

/** Where a video codec's keyframes start in its RTP payload. */
enum KeyframeDetector {
    /** RFC 7741 §4.2/§4.3: the packet starting partition 0 of a frame whose P bit is 0. */
    VP8(Vp8::isKeyframe),
    /** RFC 6184 §5.6-5.8: an IDR slice or SPS, alone, in a STAP-A, or starting an FU-A. */
    H264(dev.beam.media.rtp.H264::isKeyframe), // qualified: the constant shadows the class
    /** RFC 9628 §4.2: the packet beginning a frame without inter-picture prediction, spatial layer 0. */
    VP9(Vp9::isKeyframe),
    /**
     * AV1 RTP payload §4.4: the packet starting a coded video sequence (N bit); a stream with the
     * dependency descriptor is told by it instead ({@link Av1Descriptors}).
     */
    AV1(Av1::isKeyframe);

    /** A codec's test on an RTP payload range. */
    @FunctionalInterface
    private interface PayloadTest {
        boolean startsKeyframe(byte[] buf, int payloadOff, int payloadLen);
    }

    private final PayloadTest payload;

    KeyframeDetector(PayloadTest payload) {
        this.payload = payload;
    }

    /** For a valid RTP packet. */
    boolean startsKeyframe(byte[] packet, int length) {
        int offset = RtpPacket.payloadOffset(packet, 0, length);
        return offset >= 0 && payload.startsKeyframe(packet, offset, RtpPacket.payloadLength(packet, 0, length));
    }

    /** The detector for a codec name from the SDP, or null for audio and codecs without one. */
    static KeyframeDetector forCodec(String codec) {
        for (KeyframeDetector detector : values()) {
            if (detector.name().equalsIgnoreCase(codec)) {
                return detector;
            }
        }
        return null;
    }
}
