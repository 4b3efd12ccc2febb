package dev.beam.media.rtp;

/**
 * 64-bit NTP timestamps (RFC 5905 §6): seconds since 1900-01-01 in the high 32 bits, fraction of a
 * second in the low 32. RTCP carries them in SRs (RFC 3550 §6.4.1) and their middle 32 bits as LSR.
 */
public final class NtpTime {
    /** Seconds from the NTP prime epoch (1900, era 0) to the Unix epoch (1970), RFC 5905 Figure 4. */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /**
     * NTP timestamp of a Unix time in milliseconds. Seconds are kept modulo 2^32 as the wire format
     * does, so after 2036-02-07 the value silently rolls into era 1 (RFC 5905 §6).
     */
    public static long fromMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000) + UNIX_EPOCH_OFFSET_SECONDS;
        long millis = Math.floorMod(unixMillis, 1000);
        long fraction = (millis << 32) / 1000; // < 2^42, no overflow
        return seconds << 32 | fraction;
    }

    /** Middle 32 bits (16.16 fixed point seconds): the LSR field of a report block, §6.4.1. */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }
}
