package dev.beam.bench;

import dev.beam.media.rtp.RtpPacket;
import dev.beam.media.transport.SrtpProfile;
import dev.beam.media.transport.SrtpTransformer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** SRTP protection of a 1200-byte packet, with each profile (RFC 3711, RFC 7714). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpProtectBenchmark {
    @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
    public SrtpProfile profile;

    private final byte[] plain = new byte[RtpPacket.FIXED_HEADER + Stages.PAYLOAD];
    private final byte[] buf = new byte[plain.length + SrtpTransformer.MAX_OVERHEAD];
    private SrtpTransformer srtp;
    private int seq;

    @Setup
    public void setUp() {
        srtp = SrtpTransformer.forServer(Stages.keys(profile));
    }

    @TearDown
    public void tearDown() {
        srtp.close();
    }

    @Benchmark
    public int protect() {
        RtpPacket.writeFixedHeader(plain, 0, false, 96, seq++ & 0xFFFF, 0, 0x1234);
        System.arraycopy(plain, 0, buf, 0, plain.length);
        return srtp.protectRtp(buf, 0, plain.length);
    }
}
