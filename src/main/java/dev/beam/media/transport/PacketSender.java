package dev.beam.media.transport;

/** The sending half of a peer's transport: plaintext in, encrypted on the wire. */
public interface PacketSender {
    boolean isConnected();

    /**
     * Encrypts the RTP packet in place and sends it; the buffer needs
     * {@link SrtpTransformer#MAX_OVERHEAD} spare bytes after it. Returns the length sent, the
     * SRTP packet's now in the buffer, or -1 if it was not sent.
     */
    int sendRtp(byte[] buf, int off, int len);

    /** Sends an SRTP packet this transport encrypted before, byte for byte: a retransmission. */
    boolean resendSrtp(byte[] buf, int off, int len);

    /** As {@link #sendRtp}, for an RTCP compound packet. */
    boolean sendRtcp(byte[] buf, int off, int len);
}
