package dev.beam.media.transport;

/** The sending half of a peer's transport: plaintext in, encrypted on the wire. */
public interface PacketSender {
    boolean isConnected();

    /**
     * Encrypts the RTP packet in place and sends it; the buffer needs
     * {@link SrtpTransformer#MAX_OVERHEAD} spare bytes after it. False if it was not sent.
     */
    boolean sendRtp(byte[] buf, int off, int len);

    /** As {@link #sendRtp}, for an RTCP compound packet. */
    boolean sendRtcp(byte[] buf, int off, int len);
}
