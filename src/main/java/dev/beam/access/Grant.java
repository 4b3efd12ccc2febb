package dev.beam.access;

import dev.beam.config.TokenSettings;
import dev.beam.room.Role;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;

/**
 * What a token's claims let its bearer do: one room or room pattern ({@code room}), one role
 * ({@code role}: a broadcaster may also watch), until its expiry ({@code exp}, RFC 7519 section
 * 4.1.4, required). {@code sub}, when present, names the bearer in the log.
 */
record Grant(RoomPattern room, Role role, Instant expiry, Optional<String> subject) {
    static final String ROOM = "room";
    static final String ROLE = "role";
    static final String EXPIRY = "exp";
    static final String SUBJECT = "sub";

    /** The expiry alone, before the signature is checked: an expired token is refused without asking Liberty. */
    static Instant expiry(JsonObject claims) throws AccessDenied {
        JsonValue exp = claims.get(EXPIRY);
        if (!(exp instanceof JsonNumber number)) {
            throw AccessDenied.unauthorized("the token has no expiry (exp): tokens must expire");
        }
        return Instant.ofEpochSecond(number.longValue());
    }

    /** The grant of claims whose signature has been verified. */
    static Grant of(JsonObject claims) throws AccessDenied {
        String room = string(claims, ROOM).filter(name -> name.matches(TokenSettings.ROOM_PATTERN))
                .orElseThrow(() -> AccessDenied.forbidden("the token names no room (claim 'room')"));
        Role role = string(claims, ROLE).filter(name -> name.equals("broadcaster") || name.equals("viewer"))
                .map(Role::fromWire)
                .orElseThrow(() -> AccessDenied.forbidden("the token names no role (claim 'role': 'broadcaster' or"
                        + " 'viewer')"));
        return new Grant(new RoomPattern(room), role, expiry(claims), string(claims, SUBJECT));
    }

    void check(String roomName, Role wanted) throws AccessDenied {
        if (!room.matches(roomName)) {
            throw AccessDenied.forbidden("the token is for room '" + room.pattern() + "', not '" + roomName + "'");
        }
        if (wanted == Role.BROADCASTER && role != Role.BROADCASTER) {
            throw AccessDenied.forbidden("the token lets its bearer watch, not broadcast");
        }
    }

    private static Optional<String> string(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonString value ? Optional.of(value.getString()) : Optional.empty();
    }
}
