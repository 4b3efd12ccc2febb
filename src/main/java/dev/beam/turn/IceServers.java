package dev.beam.turn;

import dev.beam.config.IceServerSettings;
import dev.beam.config.TurnSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The STUN and TURN servers each client is told of: the configured ones ({@code ICE_SERVERS}, with
 * their long-term credentials), and the {@code TURN_URLS} ones with credentials issued for that
 * client alone. Only clients that passed the access checks ask: {@code join-room} and
 * {@code resume-session} replies, and WHIP/WHEP answers.
 */
@ApplicationScoped
public class IceServers {
    private static final Logger LOG = Logger.getLogger(IceServers.class.getName());

    private IceServerSettings settings;
    private TurnSettings turn;
    private Optional<TurnCredentials> credentials;

    /** For CDI's client proxy only. */
    protected IceServers() {
    }

    @Inject
    public IceServers(IceServerSettings settings, TurnSettings turn, Clock clock) {
        if (settings.relayOnly() && turn.urls().isEmpty() && settings.urls().stream().noneMatch(IceServer::isTurn)) {
            throw new IllegalArgumentException("ICE_TRANSPORT_POLICY=relay needs a TURN server: TURN_URLS, or a"
                    + " turn: or turns: URI in ICE_SERVERS");
        }
        this.settings = settings;
        this.turn = turn;
        this.credentials = turn.secret().map(secret -> new TurnCredentials(secret, turn.credentialTtl(), clock));
    }

    /** None configured: what unit tests of other parts use. */
    public static IceServers none() {
        return new IceServers(new IceServerSettings(List.of(), Optional.empty(), Optional.empty(), false),
                TurnSettings.none(), Clock.systemUTC());
    }

    /** Made at start, so that a bad combination stops it; says what clients will be told, never a secret. */
    void announce(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (settings.urls().isEmpty() && turn.urls().isEmpty()) {
            return;
        }
        LOG.info(() -> "ICE servers for the pages and WHIP/WHEP clients: " + settings.urls()
                + (turn.urls().isEmpty() ? "" : ", and " + turn.urls() + " with TURN REST credentials valid for "
                        + turn.credentialTtl().toSeconds() + " s")
                + (settings.relayOnly() ? "; the pages relay all media through TURN" : ""));
    }

    /** For the peer {@code peerId}, which passed the access checks. */
    public List<IceServer> forPeer(String peerId) {
        List<IceServer> servers = new ArrayList<>();
        List<String> plain = settings.urls().stream().filter(url -> !IceServer.isTurn(url)).toList();
        List<String> turnUrls = settings.urls().stream().filter(IceServer::isTurn).toList();
        if (!plain.isEmpty()) {
            servers.add(new IceServer(plain, null, null));
        }
        if (!turnUrls.isEmpty()) {
            servers.add(new IceServer(turnUrls, settings.username().orElse(null), settings.credential().orElse(null)));
        }
        credentials.ifPresent(issuer -> servers.add(issuer.issue(turn.urls(), peerId)));
        return servers;
    }

    /** RTCIceTransportPolicy for the pages: {@code relay} or {@code all}. */
    public String transportPolicy() {
        return settings.relayOnly() ? "relay" : "all";
    }
}
