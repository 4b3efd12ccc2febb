package dev.beam.media.transport;

/** What arrived on the shared media port, as decided by {@link PacketClassifier}. */
public enum PacketKind {
    STUN,
    ZRTP,
    DTLS,
    TURN_CHANNEL,
    RTP,
    RTCP,
    /** Empty, too short for its kind, or a first byte outside every range of RFC 7983 §7. */
    UNKNOWN
}
