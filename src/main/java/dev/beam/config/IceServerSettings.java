package dev.beam.config;

import java.util.List;
import java.util.Optional;

/**
 * STUN and TURN servers that the pages (in {@code room-joined}) and WHIP and WHEP clients (in
 * {@code Link: rel="ice-server"} headers, RFC 9725 section 4.6) are told of, with long-term
 * credentials of their own; see {@link TurnSettings} for those the server issues.
 *
 * @param urls       {@code ICE_SERVERS}: comma-separated {@code stun:}, {@code turn:} or
 *                   {@code turns:} URIs (default: none)
 * @param username   {@code ICE_SERVERS_USERNAME}, given with the TURN ones
 * @param credential {@code ICE_SERVERS_CREDENTIAL}, given with the TURN ones
 * @param relayOnly  {@code ICE_TRANSPORT_POLICY=relay}: the pages gather relay candidates only
 *                   ({@code iceTransportPolicy: "relay"}), so their media always goes through TURN
 */
public record IceServerSettings(List<String> urls, Optional<String> username, Optional<String> credential,
        boolean relayOnly) {
    public IceServerSettings {
        urls = List.copyOf(urls);
        for (String url : urls) {
            if (!url.matches("(stun|stuns|turn|turns):[^\\s<>\"]+")) {
                throw new IllegalArgumentException("ICE_SERVERS holds '" + url + "', which is not a stun:, stuns:,"
                        + " turn: or turns: URI");
            }
        }
    }

    /** Without the credential: records print every component otherwise. */
    @Override
    public String toString() {
        return "IceServerSettings[urls=" + urls + ", username=" + username.orElse("(none)") + ", credential="
                + (credential.isPresent() ? "(set)" : "(none)") + ", relayOnly=" + relayOnly + "]";
    }
}
