package dev.beam.config;

import dev.beam.media.transport.TcpPortSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The one place that reads MicroProfile Config. Every key is also an environment variable of the
 * same name. The seed application's MEDIASOUP_* names are accepted as fallbacks.
 */
@ApplicationScoped
public class SettingsProducer {

    @Inject
    Config config;

    @Produces
    @Singleton
    RoomSettings roomSettings() {
        return new RoomSettings(
                config.getOptionalValue("MAX_VIEWERS", Integer.class).orElse(100),
                Duration.ofSeconds(config.getOptionalValue("ROOM_IDLE_TIMEOUT", Long.class).orElse(300L)),
                integer("MAX_ROOMS", RoomSettings.DEFAULT_MAX_ROOMS));
    }

    @Produces
    @Singleton
    SignalingLimits signalingLimits() {
        return new SignalingLimits(
                integer("SIGNALING_MAX_CONNECTIONS_PER_ADDRESS", 64),
                integer("SIGNALING_MAX_CONNECTIONS", 2000),
                integer("SIGNALING_MESSAGES_PER_SECOND", 20),
                integer("SIGNALING_MESSAGE_BURST", 40),
                integer("SIGNALING_MAX_REFUSED_MESSAGES", 100));
    }

    @Produces
    @Singleton
    SignalingSettings signalingSettings() {
        String origins = config.getOptionalValue("CORS_ORIGIN", String.class).orElse("");
        return new SignalingSettings(Arrays.stream(origins.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList(),
                millis("SIGNALING_PING_INTERVAL_MS", SignalingSettings.DEFAULT_PING_INTERVAL),
                millis("SIGNALING_PING_TIMEOUT_MS", SignalingSettings.DEFAULT_PING_TIMEOUT),
                millis("SESSION_GRACE_MS", SignalingSettings.DEFAULT_SESSION_GRACE));
    }

    @Produces
    @Singleton
    SimulcastSettings simulcastSettings() {
        return new SimulcastSettings(millis("SIMULCAST_PAUSE_AFTER_MS", SimulcastSettings.DEFAULT_PAUSE_AFTER));
    }

    @Produces
    @Singleton
    HttpsSettings httpsSettings() {
        int port = integer("HTTPS_PORT", HttpsSettings.DEFAULT_PORT);
        return new HttpsSettings(port,
                integer("HTTPS_PUBLIC_PORT", port == HttpsSettings.OFF ? 443 : port),
                config.getOptionalValue("HTTPS_REDIRECT", Boolean.class).orElse(false),
                Duration.ofSeconds(config.getOptionalValue("HSTS_MAX_AGE", Long.class)
                        .orElse(HttpsSettings.DEFAULT_HSTS_MAX_AGE.toSeconds())),
                config.getOptionalValue("HTTPS_KEYSTORE", String.class).filter(path -> !path.isBlank()).map(Path::of),
                config.getOptionalValue("HTTPS_KEYSTORE_PASSWORD", String.class).orElse(""));
    }

    @Produces
    @Singleton
    IceServerSettings iceServerSettings() {
        String urls = config.getOptionalValue("ICE_SERVERS", String.class).orElse("");
        return new IceServerSettings(Arrays.stream(urls.split(",")).map(String::strip).filter(url -> !url.isEmpty())
                .toList(),
                config.getOptionalValue("ICE_SERVERS_USERNAME", String.class).filter(value -> !value.isBlank()),
                config.getOptionalValue("ICE_SERVERS_CREDENTIAL", String.class).filter(value -> !value.isBlank()),
                icePolicy(nonBlank("ICE_TRANSPORT_POLICY").orElse("all")));
    }

    @Produces
    @Singleton
    TurnSettings turnSettings() {
        return new TurnSettings(nonBlank("TURN_SECRET"), list("TURN_URLS", ""),
                Duration.ofSeconds(config.getOptionalValue("TURN_CREDENTIAL_TTL", Long.class)
                        .orElse(TurnSettings.DEFAULT_TTL.toSeconds())));
    }

    /** {@code ICE_TRANSPORT_POLICY}: the two values of RTCIceTransportPolicy. */
    private static boolean icePolicy(String value) {
        return switch (value) {
            case "all" -> false;
            case "relay" -> true;
            default -> throw new IllegalArgumentException("ICE_TRANSPORT_POLICY must be 'all' or 'relay', got '"
                    + value + "'");
        };
    }

    @Produces
    @Singleton
    AccessSettings accessSettings() {
        String origins = config.getOptionalValue("PUBLIC_ORIGIN", String.class).orElse("");
        return new AccessSettings(Arrays.stream(origins.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList(),
                config.getOptionalValue("OPERATOR_SECRET", String.class).filter(secret -> !secret.isBlank()));
    }

    @Produces
    @Singleton
    TokenSettings tokenSettings() {
        return new TokenSettings(
                nonBlank("TOKEN_SECRET"),
                nonBlank("TOKEN_JWKS_URL").map(SettingsProducer::jwksUrl),
                nonBlank("TOKEN_ALGORITHM").orElse(TokenSettings.DEFAULT_ALGORITHM),
                nonBlank("TOKEN_ISSUER").orElse(TokenSettings.DEFAULT_ISSUER),
                list("BROADCAST_TOKEN_ROOMS", "*"),
                list("WATCH_TOKEN_ROOMS", ""));
    }

    @Produces
    @Singleton
    MediaSettings mediaSettings() {
        return new MediaSettings(
                string("MEDIA_LISTEN_IP", "MEDIASOUP_LISTEN_IP").orElse("0.0.0.0"),
                string("MEDIA_ANNOUNCED_IP", "MEDIASOUP_ANNOUNCED_IP"),
                config.getOptionalValue("MEDIA_PORT", Integer.class).orElse(10000),
                config.getOptionalValue("MAX_BROADCAST_BITRATE", Long.class).orElse(2_500_000L),
                config.getOptionalValue("BROADCAST_START_BITRATE", Long.class).orElse(1_500_000L),
                config.getOptionalValue("MEDIA_WORKERS", Integer.class)
                        .orElse(Runtime.getRuntime().availableProcessors()),
                millis("MEDIA_MAX_DELAY_MS", Duration.ofMillis(200)),
                millis("MEDIA_CONSENT_INTERVAL_MS", Duration.ofSeconds(5)),
                millis("MEDIA_CONSENT_TIMEOUT_MS", Duration.ofSeconds(30)),
                config.getOptionalValue("MEDIA_RECEIVE_BUFFER_BYTES", Integer.class).orElse(4 << 20));
    }

    /** ICE over TCP: on the media port's number unless {@code MEDIA_TCP_PORT} says another, or 0 for off. */
    @Produces
    @Singleton
    TcpPortSettings mediaTcpSettings() {
        int udpPort = config.getOptionalValue("MEDIA_PORT", Integer.class).orElse(10000);
        return new TcpPortSettings(
                config.getOptionalValue("MEDIA_TCP_PORT", Integer.class).orElse(udpPort),
                config.getOptionalValue("MEDIA_TCP_CONNECTIONS_PER_ADDRESS", Integer.class)
                        .orElse(TcpPortSettings.DEFAULT_PER_ADDRESS),
                config.getOptionalValue("MEDIA_TCP_CONNECTIONS_MAX", Integer.class)
                        .orElse(TcpPortSettings.DEFAULT_TOTAL),
                millis("MEDIA_TCP_HANDSHAKE_TIMEOUT_MS", TcpPortSettings.DEFAULT_HANDSHAKE_TIMEOUT));
    }

    @Produces
    @Singleton
    SessionLimitSettings sessionLimitSettings() {
        return new SessionLimitSettings(
                config.getOptionalValue("MEDIA_SESSIONS_PER_ADDRESS", Integer.class)
                        .orElse(SessionLimitSettings.DEFAULT_PER_ADDRESS),
                config.getOptionalValue("MEDIA_SESSIONS_MAX", Integer.class).orElse(SessionLimitSettings.DEFAULT_TOTAL));
    }

    @Produces
    @Singleton
    MediaLimits mediaLimits() {
        return new MediaLimits(
                millis("MEDIA_CONNECT_TIMEOUT_MS", MediaLimits.DEFAULT_CONNECT_TIMEOUT),
                config.getOptionalValue("MEDIA_MAX_DTLS_HANDSHAKES", Integer.class)
                        .orElse(MediaLimits.DEFAULT_MAX_HANDSHAKES),
                config.getOptionalValue("MEDIA_MAX_PENDING_SESSIONS", Integer.class)
                        .orElse(MediaLimits.DEFAULT_MAX_PENDING),
                config.getOptionalValue("MEDIA_MAX_ICE_SOURCES", Integer.class).orElse(MediaLimits.DEFAULT_MAX_SOURCES));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    private int integer(String key, int fallback) {
        return config.getOptionalValue(key, Integer.class).orElse(fallback);
    }

    private Duration millis(String key, Duration fallback) {
        return config.getOptionalValue(key, Long.class).map(Duration::ofMillis).orElse(fallback);
    }

    private static URI jwksUrl(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("TOKEN_JWKS_URL must be an http or https URL, got '" + value + "'", e);
        }
    }

    private Optional<String> nonBlank(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    private List<String> list(String key, String fallback) {
        return Arrays.stream(config.getOptionalValue(key, String.class).orElse(fallback).split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private Optional<String> string(String key, String legacyKey) {
        return config.getOptionalValue(key, String.class)
                .or(() -> config.getOptionalValue(legacyKey, String.class))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }
}
