package dev.beam.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessSettingsTest {

    @Test
    void publicOriginsAreNormalizedToSchemeHostAndPort() {
        AccessSettings settings = new AccessSettings(List.of("https://Live.Example.com", "http://beam.test:8080/", "HTTP://[::1]"),
                Optional.empty());

        assertEquals(List.of("https://live.example.com:443", "http://beam.test:8080", "http://[::1]:80"), settings.publicOrigins());
    }

    @Test
    void somethingThatIsNotAnOriginStopsTheStart() {
        for (String bad : new String[] {"live.example.com", "ftp://live.example.com", "https://live.example.com/app",
                "https://user@live.example.com", "https://live.example.com?x", "::"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new AccessSettings(List.of(bad), Optional.empty()), bad);
            assertEquals(true, e.getMessage().startsWith("PUBLIC_ORIGIN"), e.getMessage());
        }
    }

    @Test
    void aShortOperatorSecretStopsTheStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AccessSettings(List.of(), Optional.of("short")));

        assertEquals("OPERATOR_SECRET must have at least 16 characters, got 5", e.getMessage());
    }
}
