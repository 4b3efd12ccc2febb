package dev.beam.config;

import java.util.Optional;

/**
 * Where the media plane listens and what it tells browsers.
 *
 * @param listenIp    address the media UDP socket binds to ({@code MEDIA_LISTEN_IP}, default 0.0.0.0)
 * @param announcedIp address put in the SDP answer's candidates when the listen address is not
 *                    reachable as is, e.g. behind NAT ({@code MEDIA_ANNOUNCED_IP}, default none)
 * @param port        the one UDP port for all media ({@code MEDIA_PORT}, default 10000)
 * @param maxBroadcastBitrate the most a broadcaster's video may send, in bit/s, told to the
 *                    browser in the answer and in REMB ({@code MAX_BROADCAST_BITRATE}, default 2500000)
 */
public record MediaSettings(String listenIp, Optional<String> announcedIp, int port, long maxBroadcastBitrate) {
    public MediaSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MEDIA_PORT must be 1..65535, got " + port);
        }
        if (maxBroadcastBitrate < 100_000 || maxBroadcastBitrate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("MAX_BROADCAST_BITRATE must be 100000..2147483647 bit/s, got "
                    + maxBroadcastBitrate);
        }
    }
}
