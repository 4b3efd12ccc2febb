package dev.beam.testpeer.stun;

/** Numbers of STUN (RFC 8489) and its ICE attributes (RFC 8445 §16.1). */
public final class Stun {
    /** RFC 8489 §5: the fixed header is 20 bytes. */
    public static final int HEADER = 20;
    /** RFC 8489 §5: the magic cookie, bytes 4..7 of every message. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** RFC 8489 §14.7: the FINGERPRINT CRC-32 is XOR'ed with this ("STUN"). */
    public static final int FINGERPRINT_XOR = 0x5354554e;

    /** Binding method (0x001) in each class, RFC 8489 §5 and §18.2. */
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;

    /** Attribute types, RFC 8489 §18.3 and RFC 8445 §16.1. */
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    /** HMAC-SHA1 output, the MESSAGE-INTEGRITY value (RFC 8489 §14.5). */
    public static final int INTEGRITY_LENGTH = 20;
    /** RFC 8489 §6.3.1.1: the error a check gets on a role conflict (RFC 8445 §7.3.1.1). */
    public static final int ROLE_CONFLICT = 487;

    private Stun() {
    }
}
