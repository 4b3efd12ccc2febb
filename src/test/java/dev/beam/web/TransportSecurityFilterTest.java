package dev.beam.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TransportSecurityFilterTest {
    @Test
    void theRedirectKeepsPathAndQueryAndNamesThePortUnless443() {
        assertEquals("https://live.example.com/watch?room=main",
                TransportSecurityFilter.httpsLocation("live.example.com", 443, "/watch", "room=main"));
        assertEquals("https://localhost:9443/whip/main",
                TransportSecurityFilter.httpsLocation("localhost", 9443, "/whip/main", null));
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertEquals("https://[::1]:9443/stream", TransportSecurityFilter.httpsLocation("::1", 9443, "/stream", null));
        assertEquals("https://[::1]/stream", TransportSecurityFilter.httpsLocation("[::1]", 443, "/stream", null));
    }
}
