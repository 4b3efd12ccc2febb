package dev.beam.media.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 6347 §4.1 record and §4.2.2 handshake headers. */
class DtlsRecordsTest {
    /** A ClientHello record's headers: handshake(22), DTLS 1.0 (fe ff), epoch 0, seq 0, length 0x20; client_hello(1). */
    static final byte[] CLIENT_HELLO = HexFormat.of().parseHex(
            "16" + "feff" + "0000" + "000000000000" + "0020"
            + "01" + "000014" + "0000" + "000000" + "000014"
            + "fefd" + "00".repeat(18));

    @Test
    void recognizesAClientHelloAndItsFragments() {
        assertTrue(DtlsRecords.isClientHello(CLIENT_HELLO, 0, CLIENT_HELLO.length));
        byte[] dtls12 = CLIENT_HELLO.clone();
        dtls12[2] = (byte) 0xFD;
        assertTrue(DtlsRecords.isClientHello(dtls12, 0, dtls12.length));
    }

    @Test
    void refusesOtherRecords() {
        assertFalse(DtlsRecords.isClientHello(with(0, 0x15), 0, CLIENT_HELLO.length), "an alert");
        assertFalse(DtlsRecords.isClientHello(with(13, 0x02), 0, CLIENT_HELLO.length), "a ServerHello");
        assertFalse(DtlsRecords.isClientHello(with(4, 0x01), 0, CLIENT_HELLO.length), "epoch 1");
        assertFalse(DtlsRecords.isClientHello(with(1, 0x03), 0, CLIENT_HELLO.length), "TLS, not DTLS");
        assertFalse(DtlsRecords.isClientHello(with(12, 0x21), 0, CLIENT_HELLO.length), "longer than the datagram");
        assertFalse(DtlsRecords.isClientHello(with(12, 0x05), 0, CLIENT_HELLO.length), "shorter than its header");
        for (int len = 0; len < 25; len++) {
            assertFalse(DtlsRecords.isClientHello(CLIENT_HELLO, 0, len), "length " + len);
        }
        assertFalse(DtlsRecords.isClientHello(null, 0, 30));
        assertFalse(DtlsRecords.isClientHello(CLIENT_HELLO, 40, 30));
    }

    private static byte[] with(int index, int value) {
        byte[] copy = CLIENT_HELLO.clone();
        copy[index] = (byte) value;
        return copy;
    }
}
