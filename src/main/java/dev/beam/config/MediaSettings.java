package dev.beam.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the media plane listens, what it tells browsers, and how it runs.
 *
 * @param listenIp    address the media UDP socket binds to ({@code MEDIA_LISTEN_IP}, default 0.0.0.0)
 * @param announcedIp address put in the SDP answer's candidates when the listen address is not
 *                    reachable as is, e.g. behind NAT ({@code MEDIA_ANNOUNCED_IP}, default none)
 * @param port        the one UDP port for all media ({@code MEDIA_PORT}, default 10000)
 * @param maxBroadcastBitrate the most a broadcaster's video may send, in bit/s, told to the
 *                    browser in the answer and in REMB ({@code MAX_BROADCAST_BITRATE}, default 2500000)
 * @param broadcastStartBitrate where a broadcaster's bandwidth estimate starts, in bit/s, told to
 *                    Chromium in the answer, 0 to leave it at the browser's own 300 kbit/s
 *                    ({@code BROADCAST_START_BITRATE}, default 1500000)
 * @param workers     media worker threads, and fan-out shards per broadcast ({@code MEDIA_WORKERS},
 *                    default the number of cores)
 * @param maxDelay    media that waited this long in the server is dropped, not sent late
 *                    ({@code MEDIA_MAX_DELAY_MS}, default 200)
 * @param consentInterval how often each peer gets a consent check, RFC 7675
 *                    ({@code MEDIA_CONSENT_INTERVAL_MS}, default 5000)
 * @param consentTimeout  a peer whose checks went unanswered this long is closed
 *                    ({@code MEDIA_CONSENT_TIMEOUT_MS}, default 30000)
 * @param receiveBufferBytes the media port's socket receive buffer (SO_RCVBUF), what the kernel
 *                    holds while the receive thread is held up; Linux caps it at
 *                    {@code net.core.rmem_max} ({@code MEDIA_RECEIVE_BUFFER_BYTES}, default 4 MiB)
 */
public record MediaSettings(String listenIp, Optional<String> announcedIp, int port, long maxBroadcastBitrate,
        long broadcastStartBitrate, int workers, Duration maxDelay, Duration consentInterval, Duration consentTimeout,
        int receiveBufferBytes) {
    public MediaSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MEDIA_PORT must be 1..65535, got " + port);
        }
        if (maxBroadcastBitrate < 100_000 || maxBroadcastBitrate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("MAX_BROADCAST_BITRATE must be 100000..2147483647 bit/s, got "
                    + maxBroadcastBitrate);
        }
        if (broadcastStartBitrate != 0
                && (broadcastStartBitrate < 100_000 || broadcastStartBitrate > maxBroadcastBitrate)) {
            throw new IllegalArgumentException("BROADCAST_START_BITRATE must be 0 (the browser's own) or 100000 bit/s"
                    + " up to MAX_BROADCAST_BITRATE (" + maxBroadcastBitrate + "), got " + broadcastStartBitrate);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("MEDIA_WORKERS must be 1..64, got " + workers);
        }
        if (maxDelay.toMillis() < 10 || maxDelay.toMillis() > 5000) {
            throw new IllegalArgumentException("MEDIA_MAX_DELAY_MS must be 10..5000, got " + maxDelay.toMillis());
        }
        if (consentInterval.toMillis() < 500 || consentTimeout.compareTo(consentInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("MEDIA_CONSENT_INTERVAL_MS must be at least 500 and"
                    + " MEDIA_CONSENT_TIMEOUT_MS at least twice it, got " + consentInterval.toMillis() + " and "
                    + consentTimeout.toMillis());
        }
        if (receiveBufferBytes < 65_536 || receiveBufferBytes > 1 << 30) {
            throw new IllegalArgumentException("MEDIA_RECEIVE_BUFFER_BYTES must be 65536..1073741824, got "
                    + receiveBufferBytes);
        }
    }
}
