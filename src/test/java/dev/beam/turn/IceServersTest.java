package dev.beam.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beam.FakeClock;
import dev.beam.LogCapture;
import dev.beam.config.IceServerSettings;
import dev.beam.config.TurnSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class IceServersTest {
    private static final String SECRET = "beam-turn-secret-for-tests";
    private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1_700_000_000L));
    private final IceServerSettings stunOnly = new IceServerSettings(List.of("stun:stun.example.net"), Optional.empty(),
            Optional.empty(), false);
    private final TurnSettings turn = new TurnSettings(Optional.of(SECRET), List.of("turn:127.0.0.1:3478",
            "turn:127.0.0.1:3478?transport=tcp"), Duration.ofHours(1));

    @Test
    void noneConfiguredGivesNone() {
        IceServers none = IceServers.none();

        assertEquals(List.of(), none.forPeer("p"));
        assertEquals("all", none.transportPolicy());
    }

    @Test
    void configuredServersKeepTheirCredentialsAndTurnUrlsGetIssuedOnes() {
        IceServers servers = new IceServers(new IceServerSettings(List.of("stun:s.example.net", "turns:t.example.net"),
                Optional.of("user"), Optional.of("long-term"), false), turn, clock);

        List<IceServer> issued = servers.forPeer("peer1");

        assertEquals(3, issued.size());
        assertEquals(new IceServer(List.of("stun:s.example.net"), null, null), issued.get(0));
        assertEquals(new IceServer(List.of("turns:t.example.net"), "user", "long-term"), issued.get(1));
        assertEquals(List.of("turn:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=tcp"), issued.get(2).urls());
        assertEquals("1700003600:peer1", issued.get(2).username());
        assertEquals(new TurnCredentials(SECRET, Duration.ofHours(1), clock).password("1700003600:peer1"),
                issued.get(2).credential());
    }

    @Test
    void eachPeerGetsItsOwnCredentialsAndLaterOnesExpireLater() {
        IceServers servers = new IceServers(stunOnly, turn, clock);
        IceServer first = servers.forPeer("a").get(1);
        clock.elapse(Duration.ofSeconds(10));
        IceServer second = servers.forPeer("b").get(1);

        assertEquals("1700003600:a", first.username());
        assertEquals("1700003610:b", second.username());
        assertFalse(first.credential().equals(second.credential()));
    }

    @Test
    void theSecretAppearsInNoReplyNoLogAndNoSettingsText() {
        try (LogCapture log = LogCapture.of("dev.beam")) {
            List<LogRecord> logged = log.records();
            IceServers servers = new IceServers(stunOnly, turn, clock);
            servers.announce(null);
            String reply = servers.forPeer("p").toString() + servers.forPeer("p").get(1).credential()
                    + servers.forPeer("p").get(1).username();

            assertFalse(reply.contains(SECRET));
            assertFalse(logged.isEmpty(), "the start names the servers");
            logged.forEach(record -> assertFalse(String.valueOf(record.getMessage()).contains(SECRET)));
            assertFalse(turn.toString().contains(SECRET));
            assertFalse(servers.forPeer("p").get(1).toString().contains(servers.forPeer("p").get(1).credential()));
        }
    }

    @Test
    void relayOnlyNeedsATurnServer() {
        IceServerSettings relay = new IceServerSettings(List.of("stun:s.example.net"), Optional.empty(), Optional.empty(),
                true);
        assertThrows(IllegalArgumentException.class, () -> new IceServers(relay, TurnSettings.none(), clock));
        assertEquals("relay", new IceServers(relay, turn, clock).transportPolicy());
        assertTrue(new IceServers(new IceServerSettings(List.of("turn:t.example.net"), Optional.of("u"),
                Optional.of("c"), true), TurnSettings.none(), clock).forPeer("p").get(0).username().equals("u"));
    }

    @Test
    void turnSettingsRefuseWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new TurnSettings(Optional.of(SECRET), List.of(),
                Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnSettings(Optional.empty(),
                List.of("turn:t.example.net"), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnSettings(Optional.of("short"),
                List.of("turn:t.example.net"), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnSettings(Optional.of(SECRET),
                List.of("stun:t.example.net"), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnSettings(Optional.of(SECRET),
                List.of("turn:t.example.net"), Duration.ZERO));
        assertNull(IceServers.none().forPeer("p").stream().findFirst().orElse(null));
    }
}
