package dev.beam.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void unixEpochIsTheEraZeroOffset() {
        assertEquals(2_208_988_800L << 32, NtpTime.fromMillis(0));
    }

    @Test
    void knownDateAndFractions() {
        long jan2020 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        assertEquals(0xE1B65F80L << 32, NtpTime.fromMillis(jan2020));
        assertEquals(0xE1B65F80L << 32 | 0x4000_0000L, NtpTime.fromMillis(jan2020 + 250));
        assertEquals(0xE1B65F81L << 32 | 0x8000_0000L, NtpTime.fromMillis(jan2020 + 1500));
        // Before 1970 the fraction stays positive: -0.5 s is 1969-12-31T23:59:59.5
        assertEquals((2_208_988_799L << 32) | 0x8000_0000L, NtpTime.fromMillis(-500));
    }

    @Test
    void middle32IsTheLsrFormat() {
        assertEquals(0x4567_8000L, NtpTime.middle32(0xE123_4567_8000_0000L));
        assertEquals(0xFFFF_FFFFL, NtpTime.middle32(0x0000_FFFF_FFFF_0000L));
    }
}
