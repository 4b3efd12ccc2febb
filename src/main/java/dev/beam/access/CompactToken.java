package dev.beam.access;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A JWT in the JWS compact serialization (RFC 7515 section 7.1): header, payload and signature,
 * each base64url, joined by dots. Read here only to refuse early what no key can make valid, and
 * to read the claims of a token whose signature Liberty has verified; nothing here trusts them.
 */
record CompactToken(String algorithm, JsonObject claims) {
    /** Larger than any token this server issues or needs; the same bound as the signaling field. */
    static final int MAX_CHARS = 4096;
    /** Json.create* would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String MALFORMED = "the token is malformed: expected a signed JWT (header.payload.signature)";

    static CompactToken parse(String token) throws AccessDenied {
        if (token.length() > MAX_CHARS) {
            throw AccessDenied.unauthorized("the token is longer than " + MAX_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw AccessDenied.unauthorized(MALFORMED);
        }
        JsonObject header = json(parts[0]);
        JsonObject claims = json(parts[1]);
        if (!header.containsKey("alg") || header.get("alg").getValueType() != JsonValue.ValueType.STRING) {
            throw AccessDenied.unauthorized("the token's header names no algorithm");
        }
        // RFC 7515 section 4.1.11: a critical extension this server does not understand makes the token invalid.
        if (header.containsKey("crit")) {
            throw AccessDenied.unauthorized("the token has critical header extensions, which this server does not take");
        }
        return new CompactToken(header.getString("alg"), claims);
    }

    private static JsonObject json(String part) throws AccessDenied {
        try (JsonReader reader = JSON.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IllegalArgumentException | JsonException e) {
            throw AccessDenied.unauthorized(MALFORMED);
        }
    }
}
