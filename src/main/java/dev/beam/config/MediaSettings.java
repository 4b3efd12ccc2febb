package dev.beam.config;

import java.util.Optional;

/**
 * Where the media plane listens and what it tells browsers.
 *
 * @param listenIp    address the media UDP socket binds to ({@code MEDIA_LISTEN_IP}, default 0.0.0.0)
 * @param announcedIp address put in the SDP answer's candidates when the listen address is not
 *                    reachable as is, e.g. behind NAT ({@code MEDIA_ANNOUNCED_IP}, default none)
 * @param port        the one UDP port for all media ({@code MEDIA_PORT}, default 10000)
 */
public record MediaSettings(String listenIp, Optional<String> announcedIp, int port) {
    public MediaSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MEDIA_PORT must be 1..65535, got " + port);
        }
    }
}
