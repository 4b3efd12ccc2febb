package dev.beam.media.transport;

/** The sending half of a peer's transport: protect with its SRTP keys, then send. */
public interface SrtpSender {
    /** DTLS is done and the transport is open. */
    boolean isConnected();

    /**
     * Encrypts an RTP packet in place; the buffer needs {@link SrtpTransformer#MAX_OVERHEAD}
     * spare bytes after it. The SRTP length, or -1 when it cannot.
     */
    int protectRtp(byte[] buf, int off, int len);

    /** As {@link #protectRtp} for an RTCP compound packet. */
    int protectRtcp(byte[] buf, int off, int len);

    /** Sends what {@code protect*} made; false when it could not go out. */
    boolean send(byte[] buf, int off, int len);
}
