package dev.beam.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beam.config.IceServerSettings;
import dev.beam.turn.IceServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Link headers of RFC 9725 section 4.6, against the RFC's own examples. */
class IceServerLinksTest {
    private final IceServer stun = new IceServer(List.of("stun:stun.example.net"), null, null);
    private final IceServer turn = new IceServer(List.of("turn:turn.example.net?transport=udp"), "user", "myPassword");

    @Test
    void aStunServerIsItsUriAndTheRelation() {
        assertEquals("<stun:stun.example.net>; rel=\"ice-server\"", IceServerLinks.link("stun:stun.example.net", stun));
    }

    @Test
    void aTurnServerCarriesItsCredentials() {
        assertEquals("<turn:turn.example.net?transport=udp>; rel=\"ice-server\"; username=\"user\";"
                + " credential=\"myPassword\"; credential-type=\"password\"",
                IceServerLinks.link("turn:turn.example.net?transport=udp", turn));
    }

    @Test
    void issuedTurnRestCredentialsGoInTheSameParameters() {
        IceServer issued = new IceServer(List.of("turn:127.0.0.1:3478"), "1700086400:7ac148a3bdf1",
                "wTpP8/x79B9QPLmMi1sAGgYpCyM=");
        assertEquals("<turn:127.0.0.1:3478>; rel=\"ice-server\"; username=\"1700086400:7ac148a3bdf1\";"
                + " credential=\"wTpP8/x79B9QPLmMi1sAGgYpCyM=\"; credential-type=\"password\"",
                IceServerLinks.link("turn:127.0.0.1:3478", issued));
    }

    @Test
    void quotesInCredentialsAreEscaped() {
        IceServer quoted = new IceServer(List.of("turns:t.example.net"), "a\"b", "c\\d");
        assertEquals("<turns:t.example.net>; rel=\"ice-server\"; username=\"a\\\"b\"; credential=\"c\\\\d\";"
                + " credential-type=\"password\"", IceServerLinks.link("turns:t.example.net", quoted));
    }

    @Test
    void anythingButAStunOrTurnUriStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new IceServerSettings(List.of("http://example.net"),
                Optional.empty(), Optional.empty(), false));
        assertThrows(IllegalArgumentException.class, () -> new IceServerSettings(List.of("stun:a>b"),
                Optional.empty(), Optional.empty(), false));
    }
}
