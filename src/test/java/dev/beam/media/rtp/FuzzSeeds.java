package dev.beam.media.rtp;

import java.io.IOException;
import java.util.List;

/** The RTP and RTCP fuzz tests' seeds, for the fuzz tests of other packages. */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    public static List<byte[]> rtp() throws IOException {
        return RtpFuzzTest.seeds();
    }

    public static List<byte[]> rtcp() {
        return RtcpFuzzTest.seeds();
    }
}
