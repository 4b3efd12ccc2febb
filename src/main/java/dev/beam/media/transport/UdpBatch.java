package dev.beam.media.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A send-only UDP socket that gathers datagrams, each to its own destination, and sends them with
 * one sendmmsg(2) per batch: the fan-out sends one packet per viewer, and where a system call
 * costs as much as the rest of the send (as on this project's virtual machines: 1.2 µs), one call
 * per {@value #CAPACITY} packets instead of one each saves more than half the CPU of sending.
 *
 * <p>It shares the media port with ice4j's sockets (SO_REUSEADDR, bound before them, so that the
 * kernel delivers what arrives to ice4j's, the last bound), so what it sends comes from the
 * address peers know. It is of the family the JDK's own sockets are (IPv6 with IPv4-mapped
 * addresses, unless {@code java.net.preferIPv4Stack}): Linux prefers an IPv4 socket to an IPv6
 * one for IPv4 traffic whatever the order of binding. One thread at a time: each media worker
 * has its own.
 *
 * <p>Memory, one native block: {@value #CAPACITY} {@code struct mmsghdr} (64 bytes each on
 * 64-bit Linux), their {@code struct iovec} (16), destinations as {@code sockaddr_in6} space (28,
 * rounded to 32), and packet slots.
 */
final class UdpBatch implements AutoCloseable {
    static final int CAPACITY = 32;
    static final int SLOT = 1600;
    private static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    private static final int SOCKADDR = 32;
    private static final int IOVECS = CAPACITY * MMSGHDR;
    private static final int ADDRESSES = IOVECS + CAPACITY * IOVEC;
    private static final int DATA = ADDRESSES + CAPACITY * SOCKADDR;
    private static final int SIZE = DATA + CAPACITY * SLOT;

    private final int fd;
    private final boolean ipv6;
    private final Memory memory;
    private final ByteBuffer block;
    /** Where the first {@code struct mmsghdr} is: passed as a number, so a flush allocates nothing. */
    private final long messages;
    private int count;
    /** Written by the lane's one thread, read by metrics. */
    private volatile long failed;

    private UdpBatch(int fd, boolean ipv6) {
        this.fd = fd;
        this.ipv6 = ipv6;
        this.memory = new Memory(SIZE);
        memory.clear(); // msg_control, msg_controllen, msg_flags and padding must be zero
        this.block = memory.getByteBuffer(0, SIZE).order(ByteOrder.nativeOrder());
        long base = Pointer.nativeValue(memory);
        this.messages = base;
        for (int i = 0; i < CAPACITY; i++) {
            int header = i * MMSGHDR;
            block.putLong(header, base + ADDRESSES + (long) i * SOCKADDR); // msg_name
            block.putLong(header + 16, base + IOVECS + (long) i * IOVEC);  // msg_iov
            block.putLong(header + 24, 1);                                  // msg_iovlen
            block.putLong(IOVECS + i * IOVEC, base + DATA + (long) i * SLOT); // iov_base
        }
    }

    /**
     * A socket bound to {@code local} with SO_REUSEADDR; its destinations must be of the same
     * family. Null where sendmmsg cannot be used (not 64-bit Linux).
     */
    static UdpBatch bind(InetSocketAddress local) throws IOException {
        if (!LibC.available()) {
            return null;
        }
        boolean ipv6 = ipv6For(local.getAddress());
        int fd;
        try {
            fd = LibC.socket(ipv6 ? LibC.AF_INET6 : LibC.AF_INET, LibC.SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket: errno " + e.getErrorCode());
        }
        try {
            Memory option = new Memory(4);
            Memory address = new Memory(SOCKADDR);
            option.setInt(0, 1);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, option, 4);
            if (ipv6) {
                option.setInt(0, 0); // dual stack, as the JDK's sockets are
                LibC.setsockopt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, option, 4);
            }
            ByteBuffer sockaddr = address.getByteBuffer(0, SOCKADDR).order(ByteOrder.nativeOrder());
            int length = writeSockaddr(sockaddr, 0, local, ipv6);
            LibC.bind(fd, address, length);
            return new UdpBatch(fd, ipv6);
        } catch (LastErrorException e) {
            LibC.close(fd);
            throw new IOException("cannot bind " + local + ": errno " + e.getErrorCode());
        }
    }

    /** A destination as this JVM's batch sockets take it (see {@link #add}); made once per peer. */
    static byte[] destination(InetSocketAddress to) {
        boolean ipv6 = ipv6For(to.getAddress());
        ByteBuffer b = ByteBuffer.allocate(SOCKADDR).order(ByteOrder.nativeOrder());
        int length = writeSockaddr(b, 0, to, ipv6);
        byte[] bytes = new byte[length];
        b.get(0, bytes);
        return bytes;
    }

    /** Queues a datagram to a {@link #destination}; sends the batch when it is full. False if it does not fit. */
    boolean add(byte[] buf, int off, int len, byte[] destination) {
        if (len > SLOT || len < 0) {
            return false;
        }
        int i = count;
        int header = i * MMSGHDR;
        block.put(ADDRESSES + i * SOCKADDR, destination);
        block.putInt(header + 8, destination.length);  // msg_namelen
        block.putLong(IOVECS + i * IOVEC + 8, len);    // iov_len
        block.put(DATA + i * SLOT, buf, off, len);
        count = i + 1;
        if (count == CAPACITY) {
            flush();
        }
        return true;
    }

    /** Sends what is queued. A message the kernel refuses is skipped and counted. */
    void flush() {
        int sent = 0;
        while (sent < count) {
            try {
                int n = LibC.sendmmsg(fd, messages + (long) sent * MMSGHDR, count - sent, 0);
                sent += Math.max(n, 1);
            } catch (LastErrorException e) {
                failed++;
                sent++; // that message cannot go; the others still may
            }
        }
        count = 0;
    }

    /** Datagrams the kernel refused so far. */
    long failed() {
        return failed;
    }

    /** Closes the socket; the native block goes with this object (JNA frees it when collected). */
    @Override
    public void close() {
        LibC.close(fd);
    }

    private static boolean ipv6For(InetAddress address) {
        return !(address instanceof Inet4Address) || !Boolean.getBoolean("java.net.preferIPv4Stack");
    }

    /**
     * sockaddr_in (port and address in network order), or sockaddr_in6 for an IPv6 socket, with
     * an IPv4 address as IPv4-mapped (RFC 4291 §2.5.5.2); its length.
     */
    private static int writeSockaddr(ByteBuffer b, int at, InetSocketAddress address, boolean ipv6) {
        InetAddress ip = address.getAddress();
        byte[] raw = ip.getAddress();
        int port = address.getPort();
        if (raw.length == 4 && ipv6) {
            b.putShort(at, (short) LibC.AF_INET6);
            b.put(at + 2, (byte) (port >>> 8)).put(at + 3, (byte) port);
            b.putInt(at + 4, 0);
            b.putLong(at + 8, 0);
            b.putShort(at + 16, (short) 0).put(at + 18, (byte) 0xFF).put(at + 19, (byte) 0xFF);
            b.put(at + 20, raw);
            b.putInt(at + 24, 0);
            return 28;
        }
        if (raw.length == 4) {
            b.putShort(at, (short) LibC.AF_INET);
            b.put(at + 2, (byte) (port >>> 8)).put(at + 3, (byte) port);
            b.put(at + 4, raw);
            b.putLong(at + 8, 0);
            return 16;
        }
        b.putShort(at, (short) LibC.AF_INET6);
        b.put(at + 2, (byte) (port >>> 8)).put(at + 3, (byte) port);
        b.putInt(at + 4, 0);
        b.put(at + 8, raw);
        b.putInt(at + 24, ip instanceof Inet6Address v6 ? v6.getScopeId() : 0);
        return 28;
    }
}
