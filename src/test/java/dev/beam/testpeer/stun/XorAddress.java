package dev.beam.testpeer.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the port is XOR'ed with the cookie's top 16 bits, an IPv4
 * address with the cookie, an IPv6 address with the cookie followed by the transaction id.
 *
 * <pre>
 * |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 * |                X-Address (Variable)
 * </pre>
 */
final class XorAddress {
    private static final int IPV4 = 0x01;
    private static final int IPV6 = 0x02;

    private XorAddress() {
    }

    static byte[] encode(InetSocketAddress address, byte[] transactionId) {
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? IPV4 : IPV6);
        int port = address.getPort() ^ (Stun.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (port >> 8);
        value[3] = (byte) port;
        byte[] mask = mask(transactionId);
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return value;
    }

    /** The address, or null for an unknown family or a length that does not match it. */
    static InetSocketAddress decode(byte[] b, int off, int len, byte[] transactionId) {
        if (len < 4) {
            return null;
        }
        int family = b[off + 1] & 0xFF;
        int ipLength = family == IPV4 ? 4 : family == IPV6 ? 16 : -1;
        if (len != 4 + ipLength) {
            return null;
        }
        int port = StunMessage.u16(b, off + 2) ^ (Stun.MAGIC_COOKIE >>> 16);
        byte[] mask = mask(transactionId);
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = (byte) (b[off + 4 + i] ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4 or 16 bytes
        }
    }

    /** The magic cookie followed by the transaction id: 16 bytes, the IPv6 mask; its first 4 the IPv4 one. */
    private static byte[] mask(byte[] transactionId) {
        byte[] mask = new byte[16];
        mask[0] = (byte) (Stun.MAGIC_COOKIE >>> 24);
        mask[1] = (byte) (Stun.MAGIC_COOKIE >>> 16);
        mask[2] = (byte) (Stun.MAGIC_COOKIE >>> 8);
        mask[3] = (byte) Stun.MAGIC_COOKIE;
        System.arraycopy(transactionId, 0, mask, 4, 12);
        return mask;
    }
}
