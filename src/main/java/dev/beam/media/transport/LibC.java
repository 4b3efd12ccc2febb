package dev.beam.media.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls the batched sender needs, through JNA's direct mapping (JNA is already on
 * the class path for jitsi-srtp). Only on 64-bit Linux, where {@code struct mmsghdr} has the
 * layout {@link UdpBatch} writes.
 */
final class LibC {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_SNDBUF = 7;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;

    private static final boolean AVAILABLE = register();

    private LibC() {
    }

    /** True when the calls below can be made here. */
    static boolean available() {
        return AVAILABLE;
    }

    private static boolean register() {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            return false;
        }
        try {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

    static native int bind(int fd, Pointer address, int length) throws LastErrorException;

    /**
     * sendmmsg(2): sends up to {@code count} messages in one call; how many went out. The array's
     * address is a plain {@code long} (a pointer on 64-bit Linux): a JNA {@code Pointer} at an
     * offset would be a new object with a finalizer on every call.
     */
    static native int sendmmsg(int fd, long messages, int count, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
