package dev.beam.sdp;

/**
 * What a broadcaster's answer tells its video sender, in bit/s, 0 where it says nothing: where its bandwidth
 * estimate starts, and the most it may send.
 *
 * <p>The start matters because Chromium starts at 300 kbit/s and turns on a 1280x720 simulcast layer only near
 * 1.6 Mbit/s. Its first probes, sent as its connection opens, find that in a second, but where they get no result
 * (on a busy machine, where the camera and three encoders start at the same time), it climbs at GCC's 8 % a second
 * and the top layer comes 8-26 s late.
 */
public record VideoBitrates(long startBps, long maxBps) {
    public static final VideoBitrates NONE = new VideoBitrates(0, 0);

    /** Chromium reads b= values into a 32-bit int and refuses the description if one does not fit. */
    static final long MAX_BPS = Integer.MAX_VALUE;

    public VideoBitrates {
        if (startBps < 0 || startBps > MAX_BPS || maxBps < 0 || maxBps > MAX_BPS) {
            throw new IllegalArgumentException("video bitrates must be 0 (none) or 1-" + MAX_BPS + " bit/s: start "
                    + startBps + ", max " + maxBps);
        }
        if (startBps > 0 && startBps < 1000) {
            throw new IllegalArgumentException("the start bitrate is told in kbit/s, so it must be 0 or at least 1000"
                    + " bit/s: " + startBps);
        }
        if (maxBps > 0 && startBps > maxBps) {
            throw new IllegalArgumentException("the start bitrate " + startBps + " is over the max " + maxBps);
        }
    }

    public static VideoBitrates max(long maxBps) {
        return new VideoBitrates(0, maxBps);
    }
}
