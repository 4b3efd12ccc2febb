package dev.beam.access;

import dev.beam.config.TokenSettings;
import dev.beam.room.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Who may broadcast and watch. Every room is open until a key is configured; then broadcasting in
 * the rooms of {@code BROADCAST_TOKEN_ROOMS} (all, by default), and watching in those of
 * {@code WATCH_TOKEN_ROOMS} (none, by default), need a token. Shared by {@code /ws} and the HTTP
 * ingest and playback resources.
 *
 * <p>The checks run cheapest first: the form and algorithm of the token and its expiry, read
 * without trusting it; an HS256 signature (see {@link SharedSecret}); then Liberty verifies
 * signature, issuer and validity period; only then do its room and role claims count.
 */
@ApplicationScoped
public class AccessTokens {
    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());
    private static final String BEARER = "Bearer ";

    private TokenSettings settings;
    private Optional<SharedSecret> sharedSecret;
    private SignatureCheck signatures;
    private Clock clock;
    private List<RoomPattern> broadcastRooms;
    private List<RoomPattern> watchRooms;

    /** For CDI's client proxy only. */
    protected AccessTokens() {
    }

    @Inject
    public AccessTokens(TokenSettings settings, Clock clock) {
        this(settings, new LibertySignatureCheck(settings.jwksUrl().isPresent() ? LibertySignatureCheck.KEY_SET
                : LibertySignatureCheck.SHARED_SECRET), clock);
    }

    AccessTokens(TokenSettings settings, SignatureCheck signatures, Clock clock) {
        this.settings = settings;
        this.sharedSecret = settings.secret().map(SharedSecret::new);
        this.signatures = signatures;
        this.clock = clock;
        this.broadcastRooms = settings.broadcastRooms().stream().map(RoomPattern::new).toList();
        this.watchRooms = settings.watchRooms().stream().map(RoomPattern::new).toList();
        if (settings.enforced()) {
            LOG.info(() -> "access tokens (" + settings.algorithm() + ", issuer '" + settings.issuer()
                    + "') needed to broadcast in rooms " + settings.broadcastRooms() + " and to watch in rooms "
                    + settings.watchRooms());
        }
    }

    /** Every room open to everyone: for tests and tools without a key. */
    public static AccessTokens open() {
        return new AccessTokens(TokenSettings.open(), token -> {
        }, Clock.systemUTC());
    }

    /**
     * Lets the request through, or says why not.
     *
     * @param token the bearer's token, if it sent one (a {@code join-room}'s {@code token}, an
     *              {@code Authorization: Bearer} header's value)
     * @param room  the room it asks for
     * @param role  what it asks to do there
     * @throws AccessDenied with status 401 ({@code unauthorized}: no token, or not a valid one) or
     *                      403 ({@code forbidden}: a valid token for another room or role)
     */
    public void authorize(Optional<String> token, String room, Role role) throws AccessDenied {
        if (!needsToken(room, role)) {
            return;
        }
        Grant grant;
        try {
            grant = verified(token.filter(value -> !value.isBlank()).orElseThrow(() -> AccessDenied.unauthorized(
                    "a token is needed to " + verb(role) + " in room '" + room + "'")));
        } catch (AccessDenied e) {
            LOG.fine(() -> "[room " + room + "] " + role.wireName() + " refused: " + e.getMessage());
            throw e;
        }
        try {
            grant.check(room, role);
        } catch (AccessDenied e) {
            LOG.fine(() -> "[room " + room + "] " + role.wireName() + " refused, token of subject "
                    + grant.subject().orElse("(none)") + ": " + e.getMessage());
            throw e;
        }
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header (RFC 6750 section 2.1; the
     * scheme is case-insensitive, RFC 9110 section 11.1); empty for no header or another scheme.
     */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip()).filter(token -> !token.isEmpty());
    }

    /** Whether {@link #authorize} asks anything of a request for this room and role. */
    public boolean needsToken(String room, Role role) {
        return settings.enforced()
                && RoomPattern.anyMatches(role == Role.BROADCASTER ? broadcastRooms : watchRooms, room);
    }

    private Grant verified(String token) throws AccessDenied {
        CompactToken compact = CompactToken.parse(token);
        if (compact.algorithm().equalsIgnoreCase("none")) {
            throw AccessDenied.unauthorized("the token is unsigned (alg 'none'); tokens must be signed with "
                    + settings.algorithm());
        }
        if (!compact.algorithm().equals(settings.algorithm())) {
            throw AccessDenied.unauthorized("the token is signed with " + safe(compact.algorithm())
                    + "; this server takes only " + settings.algorithm());
        }
        if (!Grant.expiry(compact.claims()).isAfter(clock.instant())) {
            throw AccessDenied.unauthorized("the token has expired");
        }
        if (sharedSecret.isPresent()) {
            sharedSecret.get().verify(token);
        }
        signatures.verify(token);
        return Grant.of(compact.claims());
    }

    private static String verb(Role role) {
        return role == Role.BROADCASTER ? "broadcast" : "watch";
    }

    /** The client's algorithm name, bounded and printable, for the reply. */
    private static String safe(String algorithm) {
        String shown = algorithm.length() > 16 ? algorithm.substring(0, 16) + "..." : algorithm;
        return "'" + shown.replaceAll("[^A-Za-z0-9_-]", "?") + "'";
    }
}
