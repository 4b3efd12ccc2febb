package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MEDIA_TCP_PORT and its bounds: 0 is the one switch that turns ICE over TCP off. */
class TcpPortSettingsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void portZeroTurnsIceOverTcpOff() {
        assertFalse(new TcpPortSettings(0, 16, 1000, TIMEOUT).enabled());
        assertTrue(new TcpPortSettings(10000, 16, 1000, TIMEOUT).enabled());
    }

    @Test
    void outOfRangeSettingsStopTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new TcpPortSettings(-1, 16, 1000, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new TcpPortSettings(65536, 16, 1000, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new TcpPortSettings(10000, 0, 1000, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new TcpPortSettings(10000, 16, 8, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new TcpPortSettings(10000, 16, 1000, Duration.ZERO));
    }
}
