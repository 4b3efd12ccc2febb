package dev.beam.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beam.config.IceServerSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Link headers of RFC 9725 section 4.6, against the RFC's own examples. */
class IceServerLinksTest {
    private final IceServerSettings settings = new IceServerSettings(
            List.of("stun:stun.example.net", "turn:turn.example.net?transport=udp"), Optional.of("user"),
            Optional.of("myPassword"));

    @Test
    void aStunServerIsItsUriAndTheRelation() {
        assertEquals("<stun:stun.example.net>; rel=\"ice-server\"", IceServerLinks.link("stun:stun.example.net", settings));
    }

    @Test
    void aTurnServerCarriesItsCredentials() {
        assertEquals("<turn:turn.example.net?transport=udp>; rel=\"ice-server\"; username=\"user\";"
                + " credential=\"myPassword\"; credential-type=\"password\"",
                IceServerLinks.link("turn:turn.example.net?transport=udp", settings));
    }

    @Test
    void quotesInCredentialsAreEscaped() {
        IceServerSettings quoted = new IceServerSettings(List.of("turns:t.example.net"), Optional.of("a\"b"),
                Optional.of("c\\d"));
        assertEquals("<turns:t.example.net>; rel=\"ice-server\"; username=\"a\\\"b\"; credential=\"c\\\\d\";"
                + " credential-type=\"password\"", IceServerLinks.link("turns:t.example.net", quoted));
    }

    @Test
    void anythingButAStunOrTurnUriStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new IceServerSettings(List.of("http://example.net"),
                Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new IceServerSettings(List.of("stun:a>b"),
                Optional.empty(), Optional.empty()));
    }
}
