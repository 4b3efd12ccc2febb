package dev.beam.config;

import java.util.List;
import java.util.Optional;

/**
 * STUN and TURN servers that WHIP and WHEP clients are told of, in {@code Link: rel="ice-server"}
 * headers (RFC 9725 section 4.6).
 *
 * @param urls       {@code ICE_SERVERS}: comma-separated {@code stun:}, {@code turn:} or
 *                   {@code turns:} URIs (default: none)
 * @param username   {@code ICE_SERVERS_USERNAME}, given with the TURN ones
 * @param credential {@code ICE_SERVERS_CREDENTIAL}, given with the TURN ones
 */
public record IceServerSettings(List<String> urls, Optional<String> username, Optional<String> credential) {
    public IceServerSettings {
        urls = List.copyOf(urls);
        for (String url : urls) {
            if (!url.matches("(stun|stuns|turn|turns):[^\\s<>\"]+")) {
                throw new IllegalArgumentException("ICE_SERVERS holds '" + url + "', which is not a stun:, stuns:,"
                        + " turn: or turns: URI");
            }
        }
    }
}
