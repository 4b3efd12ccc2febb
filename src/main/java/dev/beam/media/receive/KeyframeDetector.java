package dev.beam.media.receive;

import dev.beam.media.rtp.RtpPacket;

/** Where a video codec's keyframes start in its RTP payload. */
enum KeyframeDetector {
    /** RFC 7741 §4.2/§4.3: the packet starting partition 0 of a frame whose P bit is 0. */
    VP8 {
        @Override
        boolean startsKeyframe(byte[] buf, int payloadOff, int payloadLen) {
            return dev.beam.media.rtp.Vp8.isKeyframe(buf, payloadOff, payloadLen);
        }
    },
    /** RFC 6184 §5.6-5.8: an IDR slice or SPS, alone, in a STAP-A, or starting an FU-A. */
    H264 {
        @Override
        boolean startsKeyframe(byte[] buf, int payloadOff, int payloadLen) {
            return dev.beam.media.rtp.H264.isKeyframe(buf, payloadOff, payloadLen);
        }
    },
    /** RFC 9628 §4.2: the packet beginning a frame without inter-picture prediction, spatial layer 0. */
    VP9 {
        @Override
        boolean startsKeyframe(byte[] buf, int payloadOff, int payloadLen) {
            return dev.beam.media.rtp.Vp9.isKeyframe(buf, payloadOff, payloadLen);
        }
    },
    /** AV1 RTP payload §4.4: the packet starting a coded video sequence (N bit). */
    AV1 {
        @Override
        boolean startsKeyframe(byte[] buf, int payloadOff, int payloadLen) {
            return dev.beam.media.rtp.Av1.isKeyframe(buf, payloadOff, payloadLen);
        }
    };

    abstract boolean startsKeyframe(byte[] buf, int payloadOff, int payloadLen);

    /** For a valid RTP packet. */
    boolean startsKeyframe(byte[] packet, int length) {
        int payload = RtpPacket.payloadOffset(packet, 0, length);
        return payload >= 0 && startsKeyframe(packet, payload, RtpPacket.payloadLength(packet, 0, length));
    }

    /** The detector for a codec name from the SDP, or null for audio and codecs without one. */
    static KeyframeDetector forCodec(String codec) {
        if ("VP8".equalsIgnoreCase(codec)) {
            return VP8;
        }
        if ("H264".equalsIgnoreCase(codec)) {
            return H264;
        }
        if ("VP9".equalsIgnoreCase(codec)) {
            return VP9;
        }
        if ("AV1".equalsIgnoreCase(codec)) {
            return AV1;
        }
        return null;
    }
}
