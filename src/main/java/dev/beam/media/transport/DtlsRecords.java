package dev.beam.media.transport;

/**
 * Reads just enough of a DTLS record (RFC 6347 §4.1) to know whether a peer has begun its
 * handshake: a handshake starts only when one of these arrives, so a peer that completes ICE and
 * then sends nothing costs no handshake at all.
 */
final class DtlsRecords {
    /** Record header: type, version (2), epoch (2), sequence number (6), length (2). */
    static final int RECORD_HEADER = 13;
    /** Handshake message header (RFC 6347 §4.2.2): type, length (3), message_seq (2), fragment offset and length (3 each). */
    static final int HANDSHAKE_HEADER = 12;
    static final int CONTENT_HANDSHAKE = 22;
    static final int CLIENT_HELLO = 1;

    private DtlsRecords() {
    }

    /**
     * True when the datagram's first record is an epoch-0 handshake record carrying (a fragment
     * of) a ClientHello whose declared lengths fit the datagram. Never throws for any off/len.
     */
    static boolean isClientHello(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < RECORD_HEADER + HANDSHAKE_HEADER || len > buf.length - off) {
            return false;
        }
        int epoch = (buf[off + 3] & 0xFF) << 8 | buf[off + 4] & 0xFF;
        int recordLength = (buf[off + 11] & 0xFF) << 8 | buf[off + 12] & 0xFF;
        return (buf[off] & 0xFF) == CONTENT_HANDSHAKE
                && (buf[off + 1] & 0xFF) == 0xFE // DTLS: major version 254 (RFC 6347 §4.1)
                && epoch == 0
                && recordLength >= HANDSHAKE_HEADER && recordLength <= len - RECORD_HEADER
                && (buf[off + RECORD_HEADER] & 0xFF) == CLIENT_HELLO;
    }
}
