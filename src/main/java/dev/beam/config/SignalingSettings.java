package dev.beam.config;

import java.util.List;

/**
 * Who may open the signaling WebSocket.
 *
 * @param allowedOrigins origins allowed besides the page's own ({@code CORS_ORIGIN}, a comma
 *                       separated list; {@code *} allows every origin; default: same origin only)
 */
public record SignalingSettings(List<String> allowedOrigins) {
    public SignalingSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public boolean allowsAnyOrigin() {
        return allowedOrigins.contains("*");
    }
}
