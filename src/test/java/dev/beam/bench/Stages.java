package dev.beam.bench;

import dev.beam.media.MediaStats;
import dev.beam.media.receive.KeyframeRequester;
import dev.beam.media.receive.Packet;
import dev.beam.media.receive.PacketPool;
import dev.beam.media.receive.ReceiveStreams;
import dev.beam.media.receive.SourceTrack;
import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.send.ViewerTrack;
import dev.beam.media.transport.SrtpKeyingMaterial;
import dev.beam.media.transport.SrtpProfile;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** What the benchmarks share: a broadcaster's video track, its packets, viewers' tracks and keys. */
final class Stages {
    static final SourceTrack VIDEO = new SourceTrack(MediaStats.Kind.VIDEO, "1", 96, "VP8", 90_000, true, false);
    static final int PAYLOAD = 1_150;
    private static final byte[] VP8_KEYFRAME = {0x10, 0x50, 0x42, 0x00, (byte) 0x9D, 0x01, 0x2A};

    private Stages() {
    }

    static ReceiveStreams streams() {
        return new ReceiveStreams(List.of(VIDEO), (ssrc, track) -> new KeyframeRequester(() -> 0, 0, 0, false,
                new LongAdder(), (fir, seq) -> true));
    }

    /** A 1200-byte VP8 packet through the receive stages; a keyframe start when {@code key}. */
    static Packet received(PacketPool pool, ReceiveStreams streams, int seq, boolean key, long nowNanos) {
        byte[] rtp = new byte[RtpPacket.FIXED_HEADER + PAYLOAD];
        RtpPacket.writeFixedHeader(rtp, 0, false, 96, seq & 0xFFFF, seq * 3000L, 0xAAAA);
        if (key) {
            System.arraycopy(VP8_KEYFRAME, 0, rtp, RtpPacket.FIXED_HEADER, VP8_KEYFRAME.length);
        }
        Packet packet = pool.take(rtp, 0, rtp.length, nowNanos);
        streams.attach(packet);
        packet.stream().firstCopy(packet);
        packet.stream().detectKeyframe(packet);
        return packet;
    }

    static ViewerTrack viewerVideo(long ssrc) {
        return new ViewerTrack(MediaStats.Kind.VIDEO, "1", 96, 90_000, ssrc, 3, "1", 97, ssrc + 1);
    }

    static SrtpKeyingMaterial keys(SrtpProfile profile) {
        byte[] exported = new byte[2 * (profile.keyLength() + profile.saltLength())];
        new SecureRandom().nextBytes(exported);
        return SrtpKeyingMaterial.fromExported(profile, exported);
    }
}
