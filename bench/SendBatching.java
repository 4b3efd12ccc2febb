/*
 * Beam send-batching benchmark: what does one sending thread pay, in CPU per 1200-byte datagram,
 * to fan packets out to N loopback receivers, per send path?
 *
 *   per packet:  DatagramChannel.send (direct / heap ByteBuffer), DatagramSocket.send (the path
 *                ice4j takes), libc sendto(2) through FFM (the same syscall without the JDK's NIO
 *                layer, to separate JDK overhead from syscall count);
 *   batched:     sendmmsg(2) through FFM, B messages per call, each to the next destination;
 *                UDP GSO (UDP_SEGMENT): k segments of 1200 bytes in one sendto to ONE destination,
 *                the next call to the next destination.
 *
 * Single-file program for the Java 22+ source launcher (java.lang.foreign is final since 22):
 *   java --enable-native-access=ALL-UNNAMED bench/SendBatching.java [options]
 * Options (all optional):
 *   --seconds S     measured seconds per run (default 2)
 *   --warmup S      warm-up seconds per case, in an unrecorded first round (default 1)
 *   --reps R        recorded rounds; every round runs every case once, in a rotated order (default 5)
 *   --n 1,10,100    receiver counts (distinct destination ports)
 *   --cases a,b     subset of: nio-direct nio-heap dsocket ffm-sendto mmsg-8 mmsg-32 mmsg-64
 *                   gso-8 gso-32 gso-54 (default: all)
 *   --receivers T   receiver threads draining the sockets (default 1)
 *   --rate R        total packets/s, sent in rounds of one packet per destination (a media
 *                   packet fanned out to N viewers; for gso-k, k packets per destination);
 *                   0 (default): saturated, as fast as the path goes
 *   --rx select|spin receivers sleep in Selector.select (default), or poll with selectNow and
 *                   never sleep, so the sender never pays a cross-CPU wake-up
 *   --raw           also print every run
 *
 * Only Linux (x86-64 / aarch64: LP64 struct layouts below). All traffic is 127.0.0.1 to
 * 127.0.0.1. Every loop is bounded in count and time; the whole program has a hard deadline.
 */

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

public class SendBatching {

    static final int PAYLOAD = 1200;
    /** Upper bound on packets in one run, whatever the clock says. */
    static final long MAX_PACKETS_PER_RUN = 200_000_000L;

    // ---------------------------------------------------------------- options

    static double seconds = 2, warmup = 1;
    static int reps = 5, receiverThreads = 1;
    static double rate = 0;          // packets/s in all; 0: saturated
    static boolean spin;             // receivers poll without sleeping (no wake-ups for the sender to pay)
    static int[] ns = {1, 10, 100};
    static List<String> cases = List.of("nio-direct", "nio-heap", "dsocket", "ffm-sendto",
            "mmsg-8", "mmsg-32", "mmsg-64", "gso-8", "gso-32", "gso-54");
    static boolean raw;

    public static void main(String[] args) throws Throwable {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--receivers" -> receiverThreads = Integer.parseInt(args[++i]);
                case "--n" -> ns = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--raw" -> raw = true;
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--rx" -> spin = switch (args[++i]) {
                    case "select" -> false;
                    case "spin" -> true;
                    default -> throw new IllegalArgumentException("--rx select|spin");
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (seconds <= 0 || seconds > 30 || warmup < 0 || warmup > 30 || reps < 1 || reps > 50
                || receiverThreads < 1 || receiverThreads > 4 || rate < 0 || rate > 10_000_000) {
            throw new IllegalArgumentException("options out of range");
        }
        new SendBatching().run();
    }

    // ---------------------------------------------------------------- libc through FFM

    static final int AF_INET = 2, SOCK_DGRAM = 2, SOL_SOCKET = 1, SO_SNDBUF = 7;
    static final int SOL_UDP = 17, UDP_SEGMENT = 103;
    static final int SOCKADDR_IN = 16, IOVEC = 16, MMSGHDR = 64;
    // struct msghdr (LP64): name@0 namelen@8 iov@16 iovlen@24 control@32 controllen@40 flags@48;
    // struct mmsghdr: msghdr (56 bytes) then unsigned msg_len@56, padded to 64.
    static final long MSG_NAME = 0, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24, MSG_LEN = 56;

    static final class Libc {
        final Linker linker = Linker.nativeLinker();
        final SymbolLookup libc = linker.defaultLookup();
        final Linker.Option errno = Linker.Option.captureCallState("errno");
        final MemoryLayout stateLayout = Linker.Option.captureStateLayout();
        final VarHandle errnoHandle = stateLayout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        final MethodHandle socket = h("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        final MethodHandle bind = h("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        final MethodHandle setsockopt = h("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT));
        final MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        final MethodHandle sendto = h("sendto", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        final MethodHandle getppid = linker.downcallHandle(libc.find("getppid").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        final MethodHandle sendmmsg = h("sendmmsg", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

        Libc() {
            if (ValueLayout.ADDRESS.byteSize() != 8 || !System.getProperty("os.name").equals("Linux")) {
                throw new IllegalStateException("needs 64-bit Linux");
            }
        }

        private MethodHandle h(String name, FunctionDescriptor fd) {
            return linker.downcallHandle(libc.find(name).orElseThrow(), fd, errno);
        }

        int errno(MemorySegment state) {
            return (int) errnoHandle.get(state, 0L);
        }

        /** A UDP socket of our own, bound to 127.0.0.1 (ephemeral port); returns the fd. */
        int udpSocket(Arena arena, MemorySegment state) throws Throwable {
            int fd = (int) socket.invokeExact(state, AF_INET, SOCK_DGRAM, 0);
            if (fd < 0) throw new IOException("socket: errno " + errno(state));
            MemorySegment sa = arena.allocate(SOCKADDR_IN, 8);
            sockaddrIn(sa, 0, 0);
            int rc = (int) bind.invokeExact(state, fd, sa, SOCKADDR_IN);
            if (rc != 0) throw new IOException("bind: errno " + errno(state));
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, 4 << 20);
            rc = (int) setsockopt.invokeExact(state, fd, SOL_SOCKET, SO_SNDBUF, v, 4);
            if (rc != 0) throw new IOException("setsockopt SO_SNDBUF: errno " + errno(state));
            return fd;
        }

        void close(int fd) throws Throwable {
            int rc = (int) close.invokeExact(fd);
        }
    }

    /** Writes a struct sockaddr_in for 127.0.0.1:port at off. */
    static void sockaddrIn(MemorySegment seg, long off, int port) {
        seg.asSlice(off, SOCKADDR_IN).fill((byte) 0);
        seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, off, (short) AF_INET);                  // host order
        seg.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), off + 2, (short) port);
        seg.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), off + 4, 0x7f000001);
    }

    // ---------------------------------------------------------------- senders

    /**
     * One sending path. send(count) sends count packets, each to the next destination in turn, in
     * calls of at most the path's batch; count is a multiple of unit().
     */
    interface Sender extends AutoCloseable {
        void send(int count) throws Throwable;

        /** Packets one syscall carries at most: 1, the sendmmsg batch, or the GSO segment count. */
        int batch();

        /** GSO sends k packets to one destination, so rounds are multiples of k; others 1. */
        default int unit() {
            return 1;
        }

        /** Send syscalls made so far. */
        long calls();

        @Override
        void close() throws Exception;
    }

    /**
     * The packets a fan-out would send: one 1200-byte payload per destination, in byte[] as the
     * SRTP code produces them. Every sender starts from these arrays, so a path that needs native
     * or direct memory pays its copy, like the SFU would.
     */
    final byte[][] payloads;
    final InetSocketAddress[] allDests;
    final int[] allPorts;

    static final class NioSender implements Sender {
        final DatagramChannel ch;
        final InetSocketAddress[] dests;
        final byte[][] payloads;
        final ByteBuffer direct;
        final ByteBuffer[] heap;
        int next;
        long calls;

        @Override
        public long calls() {
            return calls;
        }

        NioSender(boolean useDirect, InetSocketAddress[] dests, byte[][] payloads) throws IOException {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ch.configureBlocking(true);
            this.dests = dests;
            this.payloads = payloads;
            direct = useDirect ? ByteBuffer.allocateDirect(PAYLOAD) : null;
            heap = new ByteBuffer[payloads.length];
            for (int i = 0; i < payloads.length; i++) heap[i] = ByteBuffer.wrap(payloads[i]);
        }

        @Override
        public int batch() {
            return 1;
        }

        @Override
        public void send(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                int d = next;
                next = d + 1 == dests.length ? 0 : d + 1;
                ByteBuffer b;
                if (direct != null) {
                    b = direct.clear();
                    b.put(payloads[d]).flip();                 // the SRTP output is a byte[]
                } else {
                    b = heap[d].clear();
                }
                if (ch.send(b, dests[d]) != PAYLOAD) throw new IOException("short send");
                calls++;
            }
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    /** java.net.DatagramSocket, a new DatagramPacket per send, as ice4j's send(buf, off, len). */
    static final class SocketSender implements Sender {
        final DatagramSocket s;
        final InetSocketAddress[] dests;
        final byte[][] payloads;
        int next;
        long calls;

        @Override
        public long calls() {
            return calls;
        }

        SocketSender(InetSocketAddress[] dests, byte[][] payloads) throws IOException {
            s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            s.setSendBufferSize(4 << 20);
            this.dests = dests;
            this.payloads = payloads;
        }

        @Override
        public int batch() {
            return 1;
        }

        @Override
        public void send(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                int d = next;
                next = d + 1 == dests.length ? 0 : d + 1;
                s.send(new DatagramPacket(payloads[d], 0, PAYLOAD, dests[d]));
                calls++;
            }
        }

        @Override
        public void close() {
            s.close();
        }
    }

    /** libc sendto(2) per packet through FFM: same syscall count as the JDK paths, no NIO layer. */
    static final class FfmSendtoSender implements Sender {
        final Libc c;
        final Arena arena = Arena.ofConfined();
        final MemorySegment state, buf, addrs;
        final byte[][] payloads;
        final int fd, n;
        int next;
        long calls;

        @Override
        public long calls() {
            return calls;
        }

        FfmSendtoSender(Libc c, int[] ports, byte[][] payloads) throws Throwable {
            this.c = c;
            this.payloads = payloads;
            n = ports.length;
            state = arena.allocate(c.stateLayout);
            fd = c.udpSocket(arena, state);
            buf = arena.allocate(PAYLOAD, 64);
            addrs = arena.allocate((long) SOCKADDR_IN * n, 8);
            for (int i = 0; i < n; i++) sockaddrIn(addrs, (long) SOCKADDR_IN * i, ports[i]);
        }

        @Override
        public int batch() {
            return 1;
        }

        @Override
        public void send(int count) throws Throwable {
            for (int i = 0; i < count; i++) {
                int d = next;
                next = d + 1 == n ? 0 : d + 1;
                MemorySegment.copy(payloads[d], 0, buf, ValueLayout.JAVA_BYTE, 0, PAYLOAD);
                long r = (long) c.sendto.invokeExact(state, fd, buf, (long) PAYLOAD, 0,
                        addrs.asSlice((long) SOCKADDR_IN * d, SOCKADDR_IN), SOCKADDR_IN);
                if (r != PAYLOAD) throw new IOException("sendto: " + r + " errno " + c.errno(state));
                calls++;
            }
        }

        @Override
        public void close() throws Exception {
            try {
                c.close(fd);
            } catch (Throwable t) {
                throw new Exception(t);
            }
            arena.close();
        }
    }

    /**
     * sendmmsg(2) through FFM: batch messages per call, message i to the next destination in turn.
     * The mmsghdr/iovec arrays are built once; per batch only msg_name (which destination) and the
     * payload bytes change.
     */
    static final class MmsgSender implements Sender {
        final Libc c;
        final Arena arena = Arena.ofConfined();
        final MemorySegment state, vec, iov, bufs, addrs;
        final long addrsBase;
        final byte[][] payloads;
        final int fd, n, batch;
        int next;
        long calls;

        @Override
        public long calls() {
            return calls;
        }

        MmsgSender(Libc c, int[] ports, byte[][] payloads, int batch) throws Throwable {
            this.c = c;
            this.payloads = payloads;
            this.batch = batch;
            n = ports.length;
            state = arena.allocate(c.stateLayout);
            fd = c.udpSocket(arena, state);
            addrs = arena.allocate((long) SOCKADDR_IN * n, 8);
            for (int i = 0; i < n; i++) sockaddrIn(addrs, (long) SOCKADDR_IN * i, ports[i]);
            addrsBase = addrs.address();
            bufs = arena.allocate((long) PAYLOAD * batch, 64);
            iov = arena.allocate((long) IOVEC * batch, 8);
            vec = arena.allocate((long) MMSGHDR * batch, 8);              // zeroed by the arena
            for (int i = 0; i < batch; i++) {
                iov.set(ValueLayout.JAVA_LONG, (long) IOVEC * i, bufs.address() + (long) PAYLOAD * i);
                iov.set(ValueLayout.JAVA_LONG, (long) IOVEC * i + 8, PAYLOAD);
                long m = (long) MMSGHDR * i;
                vec.set(ValueLayout.JAVA_INT, m + MSG_NAMELEN, SOCKADDR_IN);
                vec.set(ValueLayout.JAVA_LONG, m + MSG_IOV, iov.address() + (long) IOVEC * i);
                vec.set(ValueLayout.JAVA_LONG, m + MSG_IOVLEN, 1);
            }
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public void send(int count) throws Throwable {
            for (int left = count; left > 0; ) {
                int m = Math.min(left, batch);
                sendBatch(m);
                left -= m;
            }
        }

        private void sendBatch(int m) throws Throwable {
            for (int i = 0; i < m; i++) {
                int d = next;
                next = d + 1 == n ? 0 : d + 1;
                MemorySegment.copy(payloads[d], 0, bufs, ValueLayout.JAVA_BYTE, (long) PAYLOAD * i, PAYLOAD);
                vec.set(ValueLayout.JAVA_LONG, (long) MMSGHDR * i + MSG_NAME, addrsBase + (long) SOCKADDR_IN * d);
            }
            int done = 0;
            for (int attempt = 0; done < m && attempt < 16; attempt++) {
                MemorySegment from = done == 0 ? vec : vec.asSlice((long) MMSGHDR * done);
                int r = (int) c.sendmmsg.invokeExact(state, fd, from, m - done, 0);
                calls++;
                if (r < 0) throw new IOException("sendmmsg: errno " + c.errno(state));
                done += r;
            }
            if (done != m) throw new IOException("sendmmsg: sent " + done + " of " + m);
        }

        @Override
        public void close() throws Exception {
            try {
                c.close(fd);
            } catch (Throwable t) {
                throw new Exception(t);
            }
            arena.close();
        }
    }

    /**
     * UDP GSO: UDP_SEGMENT = 1200 on the socket, then one sendto of k*1200 bytes to ONE destination,
     * which the kernel cuts into k datagrams. The next call goes to the next destination: this is
     * "a burst of k packets to each viewer", not the one-packet-per-viewer fan-out.
     */
    static final class GsoSender implements Sender {
        final Libc c;
        final Arena arena = Arena.ofConfined();
        final MemorySegment state, buf, addrs;
        final byte[][] payloads;
        final int fd, n, k;
        int next;
        long calls;

        @Override
        public long calls() {
            return calls;
        }

        GsoSender(Libc c, int[] ports, byte[][] payloads, int k) throws Throwable {
            this.c = c;
            this.payloads = payloads;
            this.k = k;
            n = ports.length;
            state = arena.allocate(c.stateLayout);
            fd = c.udpSocket(arena, state);
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, PAYLOAD);
            int rc = (int) c.setsockopt.invokeExact(state, fd, SOL_UDP, UDP_SEGMENT, v, 4);
            if (rc != 0) throw new IOException("setsockopt UDP_SEGMENT: errno " + c.errno(state));
            buf = arena.allocate((long) PAYLOAD * k, 64);
            addrs = arena.allocate((long) SOCKADDR_IN * n, 8);
            for (int i = 0; i < n; i++) sockaddrIn(addrs, (long) SOCKADDR_IN * i, ports[i]);
        }

        @Override
        public int batch() {
            return k;
        }

        @Override
        public int unit() {
            return k;
        }

        @Override
        public void send(int count) throws Throwable {
            for (int left = count; left > 0; left -= k) {
                int d = next;
                next = d + 1 == n ? 0 : d + 1;
                for (int i = 0; i < k; i++) {       // k packets of this viewer's burst
                    MemorySegment.copy(payloads[(d + i) % payloads.length], 0, buf, ValueLayout.JAVA_BYTE,
                            (long) PAYLOAD * i, PAYLOAD);
                }
                long len = (long) PAYLOAD * k;
                long r = (long) c.sendto.invokeExact(state, fd, buf, len, 0,
                        addrs.asSlice((long) SOCKADDR_IN * d, SOCKADDR_IN), SOCKADDR_IN);
                calls++;
                if (r != len) throw new IOException("sendto (GSO): " + r + " errno " + c.errno(state));
            }
        }

        @Override
        public void close() throws Exception {
            try {
                c.close(fd);
            } catch (Throwable t) {
                throw new Exception(t);
            }
            arena.close();
        }
    }

    // ---------------------------------------------------------------- receivers

    /** Drains its share of the receiver sockets through a Selector; counts datagrams and bytes. */
    static final class Receiver extends Thread {
        final Selector selector;
        final long hardDeadline;
        volatile boolean stop;
        volatile long packets, odd;   // odd: datagrams not 1200 bytes long (should stay 0)

        Receiver(int id, List<DatagramChannel> channels, long hardDeadline) throws IOException {
            super("receiver-" + id);
            setDaemon(true);
            this.hardDeadline = hardDeadline;
            selector = Selector.open();
            for (DatagramChannel ch : channels) ch.register(selector, SelectionKey.OP_READ);
        }

        @Override
        public void run() {
            ByteBuffer b = ByteBuffer.allocateDirect(65536);
            long count = 0, bad = 0;
            try {
                while (!stop && System.nanoTime() < hardDeadline) {
                    if ((spin ? selector.selectNow() : selector.select(50)) == 0) {
                        if (spin) Thread.onSpinWait();
                        continue;
                    }
                    var it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        DatagramChannel ch = (DatagramChannel) key.channel();
                        for (int i = 0; i < 4096; i++) {   // bounded drain per wake-up
                            b.clear();
                            if (ch.receive(b) == null) break;
                            count++;
                            if (b.position() != PAYLOAD) bad++;
                        }
                        packets = count;
                        odd = bad;
                    }
                }
            } catch (IOException e) {
                e.printStackTrace();
            }
        }
    }

    // ---------------------------------------------------------------- CPU and counters

    final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    final List<Path> ksoftirqd = new ArrayList<>();
    final long clkTck = 100;   // USER_HZ, the unit of /proc/*/stat times, on every Linux ABI

    /** utime, stime (ticks) of a /proc/.../stat file. */
    static long[] statTimes(Path p) {
        try {
            String s = Files.readString(p);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    long ksoftirqdTicks() {
        long t = 0;
        for (Path p : ksoftirqd) {
            long[] u = statTimes(p);
            t += u[0] + u[1];
        }
        return t;
    }

    /** Busy and total jiffies of the whole machine (first line of /proc/stat). */
    static long[] machineJiffies() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
            long total = 0, idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) idle += v;    // idle, iowait
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Udp InDatagrams, RcvbufErrors of this network namespace. */
    static long[] udpCounters() {
        try {
            List<String> l = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < l.size(); i++) {
                if (l.get(i).startsWith("Udp: ") && l.get(i + 1).startsWith("Udp: ")) {
                    List<String> h = List.of(l.get(i).split(" "));
                    String[] v = l.get(i + 1).split(" ");
                    return new long[] {Long.parseLong(v[h.indexOf("InDatagrams")]),
                            Long.parseLong(v[h.indexOf("RcvbufErrors")])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return new long[] {0, 0};
    }

    // ---------------------------------------------------------------- the run

    record Run(long packets, long calls, long received, double wallS, double senderUs, double senderSysShare,
               double processUs, double ksoftirqdUs, double machineUs, long rcvbufErrors) {}

    final Libc libc = new Libc();
    final List<DatagramChannel> receiverChannels = new ArrayList<>();
    final List<Receiver> receivers = new ArrayList<>();
    final Map<String, List<Run>> results = new LinkedHashMap<>();
    final long programDeadline;
    String gsoProblem;

    SendBatching() throws IOException {
        int maxN = Arrays.stream(ns).max().orElse(1);
        if (maxN < 1 || maxN > 1000) throw new IllegalArgumentException("--n between 1 and 1000");
        allDests = new InetSocketAddress[maxN];
        allPorts = new int[maxN];
        payloads = new byte[maxN][PAYLOAD];
        for (int i = 0; i < maxN; i++) {
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ch.configureBlocking(false);
            receiverChannels.add(ch);
            allDests[i] = (InetSocketAddress) ch.getLocalAddress();
            allPorts[i] = allDests[i].getPort();
            for (int j = 0; j < PAYLOAD; j++) payloads[i][j] = (byte) (i * 31 + j);
        }
        // every case: warm-up once + reps measured runs, each with up to ~1.5 s of draining/setup
        double perRun = seconds + 1.5;
        double total = ns.length * cases.size() * (warmup + 1.5 + reps * perRun) + 30;
        programDeadline = System.nanoTime() + (long) (total * 1e9);
        for (int t = 0; t < receiverThreads; t++) {
            List<DatagramChannel> share = new ArrayList<>();
            for (int i = t; i < maxN; i += receiverThreads) share.add(receiverChannels.get(i));
            receivers.add(new Receiver(t, share, programDeadline));
        }
        for (int p = 0; p < 4096; p++) {
            Path comm = Path.of("/proc/" + p + "/comm");
            try {
                if (Files.exists(comm) && Files.readString(comm).startsWith("ksoftirqd/")) {
                    ksoftirqd.add(Path.of("/proc/" + p + "/stat"));
                }
            } catch (IOException e) {
                // gone, or not ours to read
            }
        }
    }

    Sender open(String name, int n) throws Throwable {
        InetSocketAddress[] dests = Arrays.copyOf(allDests, n);
        int[] ports = Arrays.copyOf(allPorts, n);
        byte[][] pl = Arrays.copyOf(payloads, n);
        return switch (name) {
            case "nio-direct" -> new NioSender(true, dests, pl);
            case "nio-heap" -> new NioSender(false, dests, pl);
            case "dsocket" -> new SocketSender(dests, pl);
            case "ffm-sendto" -> new FfmSendtoSender(libc, ports, pl);
            default -> {
                if (name.startsWith("mmsg-")) {
                    int b = Integer.parseInt(name.substring(5));
                    if (b < 1 || b > 1024) throw new IllegalArgumentException("sendmmsg batch 1..1024 (UIO_MAXIOV)");
                    yield new MmsgSender(libc, ports, pl, b);
                }
                if (name.startsWith("gso-")) {
                    int k = Integer.parseInt(name.substring(4));
                    if (k < 1 || k > 54) throw new IllegalArgumentException("GSO segments 1..54 (64 KB of 1200-byte segments)");
                    yield new GsoSender(libc, ports, pl, k);
                }
                throw new IllegalArgumentException("unknown case " + name);
            }
        };
    }

    long receivedTotal() {
        long s = 0;
        for (Receiver r : receivers) s += r.packets;
        return s;
    }

    /** Every packet sent so far, warm-ups included, and the namespace's UDP drop count at start. */
    long sentEver;
    final long drops0 = udpCounters()[1];

    /**
     * Waits until every packet sent so far has been received or dropped (RcvbufErrors, exact when
     * the benchmark has its own network namespace, as bin/bench-send-batching gives it), so that
     * each run is charged its own receiving and delivery; failing that (other traffic in the
     * namespace), until the receivers' count has stood still for 300 ms. At most 3 s.
     */
    long quiesce() throws InterruptedException {
        long last = receivedTotal();
        long until = System.nanoTime() + 3_000_000_000L;
        int still = 0;
        while (System.nanoTime() < until && still < 15) {
            if (last + (udpCounters()[1] - drops0) >= sentEver) break;
            Thread.sleep(20);
            long now = receivedTotal();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        return last;
    }

    Run measure(Sender s, int n, double secs) throws Throwable {
        long rx0 = quiesce();
        long[] udp0 = udpCounters();
        long[] mj0 = machineJiffies();
        long ks0 = ksoftirqdTicks();
        long proc0 = os.getProcessCpuTime();
        long[] st0 = statTimes(Path.of("/proc/thread-self/stat"));
        long cpu0 = threads.getCurrentThreadCpuTime();
        long calls0 = s.calls();
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (secs * 1e9);
        long sent = 0;
        if (rate <= 0) {                             // saturated: send as fast as the path goes
            int chunk = s.batch() == 1 ? 8 : s.batch();
            while (sent < MAX_PACKETS_PER_RUN) {
                s.send(chunk);
                sent += chunk;
                if (System.nanoTime() >= deadline) break;
            }
        } else {                                     // paced: rounds of one packet (or burst) per destination
            int round = n * s.unit();
            long interval = (long) (round * 1e9 / rate);
            long next = t0;
            while (sent < MAX_PACKETS_PER_RUN) {
                long now = System.nanoTime();
                if (now >= deadline) break;
                if (now < next) {
                    LockSupport.parkNanos(Math.min(next - now, deadline - now));
                    continue;
                }
                s.send(round);
                sent += round;
                next = now - next > 100_000_000L ? now + interval : next + interval;   // no long catch-up
            }
        }
        long t1 = System.nanoTime();
        sentEver += sent;
        long cpu1 = threads.getCurrentThreadCpuTime();
        long[] st1 = statTimes(Path.of("/proc/thread-self/stat"));
        long rx1 = quiesce();                       // the receivers' work for these packets counts
        long proc1 = os.getProcessCpuTime();
        long ks1 = ksoftirqdTicks();
        long[] mj1 = machineJiffies();
        long[] udp1 = udpCounters();
        double senderNs = cpu1 - cpu0;
        long u = st1[0] - st0[0], sy = st1[1] - st0[1];
        double sysShare = u + sy == 0 ? Double.NaN : (double) sy / (u + sy);
        double tickUs = 1e6 / clkTck;
        return new Run(sent, s.calls() - calls0, rx1 - rx0, (t1 - t0) / 1e9, senderNs / 1e3 / sent, sysShare,
                (proc1 - proc0) / 1e3 / sent, (ks1 - ks0) * tickUs / sent,
                (mj1[0] - mj0[0]) * tickUs / sent, udp1[1] - udp0[1]);
    }

    void run() throws Throwable {
        System.out.printf(Locale.ROOT, "# %s %s, %d CPUs, kernel %s, load %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.version"),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf(Locale.ROOT, "# %d-byte datagrams, 1 sender thread, %d receiver thread(s), %.1f s x %d rounds%n",
                PAYLOAD, receiverThreads, seconds, reps);
        System.out.printf(Locale.ROOT, "# mode: %s, receivers %s; trivial syscall (getppid via FFM): %.3f µs CPU%n",
                rate > 0 ? String.format(Locale.ROOT, "paced at %.0f pkt/s in rounds of one packet per destination", rate)
                        : "saturated", spin ? "spinning (selectNow)" : "sleeping (select)", syscallUs());
        for (Receiver r : receivers) r.start();

        List<String[]> plan = new ArrayList<>();
        for (int n : ns) for (String c : cases) plan.add(new String[] {c, Integer.toString(n)});

        // round 0 warms every case up (and finds out whether GSO works); rounds 1..reps are recorded,
        // each in a rotated order so slow drifts of the machine spread over all cases
        List<String[]> runnable = new ArrayList<>();
        for (String[] p : plan) {
            try (Sender s = open(p[0], Integer.parseInt(p[1]))) {
                Run w = measure(s, Integer.parseInt(p[1]), warmup);
                if (w.received != w.packets && raw) {
                    System.out.printf("# warm-up %s n=%s lost %d of %d%n", p[0], p[1], w.packets - w.received, w.packets);
                }
                runnable.add(p);
            } catch (Throwable t) {
                String why = p[0] + ": " + t;
                if (p[0].startsWith("gso-")) gsoProblem = why;
                System.out.println("# skipped " + p[0] + " n=" + p[1] + ": " + t);
            }
            if (System.nanoTime() > programDeadline) throw new IllegalStateException("over time");
        }
        for (int r = 0; r < reps; r++) {
            int shift = (r * 7) % runnable.size();
            for (int i = 0; i < runnable.size(); i++) {
                String[] p = runnable.get((i + shift) % runnable.size());
                try (Sender s = open(p[0], Integer.parseInt(p[1]))) {
                    Run run = measure(s, Integer.parseInt(p[1]), seconds);
                    results.computeIfAbsent(p[1] + " " + p[0], k -> new ArrayList<>()).add(run);
                    if (raw) System.out.printf(Locale.ROOT, "# round %d n=%s %s %s%n", r + 1, p[1], p[0], run);
                }
                if (System.nanoTime() > programDeadline) throw new IllegalStateException("over time");
            }
        }
        for (Receiver rc : receivers) rc.stop = true;
        for (Receiver rc : receivers) rc.join(2000);
        long odd = receivers.stream().mapToLong(x -> x.odd).sum();
        report(odd);
    }

    /** CPU of one trivial syscall: the fixed entry/exit cost batching saves, on this machine. */
    double syscallUs() throws Throwable {
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 200_000; i++) {
                int unused = (int) libc.getppid.invokeExact();
            }
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - c0) / 1e3 / 200_000);
        }
        return best;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    static String spread(double[] v, String fmt) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, fmt + " [" + fmt + "-" + fmt + "]", median(v), s[0], s[s.length - 1]);
    }

    void report(long odd) {
        System.out.println();
        System.out.println("| N | path | pkts/call | sender CPU µs/pkt, median [min-max] | sender sys | process CPU µs/pkt | kpkt/s (wall) | lost | ksoftirqd µs/pkt | machine µs/pkt |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, Double> baseline = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            List<Run> runs = e.getValue();
            String[] k = e.getKey().split(" ");
            double[] snd = runs.stream().mapToDouble(Run::senderUs).toArray();
            double[] sys = runs.stream().mapToDouble(Run::senderSysShare).toArray();
            double[] proc = runs.stream().mapToDouble(Run::processUs).toArray();
            double[] kpps = runs.stream().mapToDouble(x -> x.packets / x.wallS / 1e3).toArray();
            double[] ks = runs.stream().mapToDouble(Run::ksoftirqdUs).toArray();
            double[] mach = runs.stream().mapToDouble(Run::machineUs).toArray();
            long sent = runs.stream().mapToLong(Run::packets).sum();
            long lost = sent - runs.stream().mapToLong(Run::received).sum();
            double perCall = (double) sent / Math.max(1, runs.stream().mapToLong(Run::calls).sum());
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %s | %.0f%% | %s | %s | %s | %.2f | %.2f |%n",
                    k[0], k[1], perCall, spread(snd, "%.2f"), 100 * median(sys), spread(proc, "%.2f"),
                    spread(kpps, "%.0f"), lost == 0 ? "0" : String.format(Locale.ROOT, "%.3f%%", 100.0 * lost / sent),
                    median(ks), median(mach));
            if (k[1].equals("dsocket")) baseline.put(k[0], median(snd));
        }
        System.out.println();
        System.out.println("Sender CPU saved per packet against dsocket (DatagramSocket.send, today's path):");
        for (var e : results.entrySet()) {
            String[] k = e.getKey().split(" ");
            Double b = baseline.get(k[0]);
            if (b == null || k[1].equals("dsocket")) continue;
            double m = median(e.getValue().stream().mapToDouble(Run::senderUs).toArray());
            System.out.printf(Locale.ROOT, "  N=%-4s %-11s %+.2f µs/pkt (%+.0f%%), at 66,000 pkt/s: %+.3f cores%n",
                    k[0], k[1], b - m, 100 * (b - m) / b, (b - m) * 66_000 / 1e6);
        }
        long rcvbuf = results.values().stream().flatMap(List::stream).mapToLong(Run::rcvbufErrors).sum();
        System.out.printf("%nUDP RcvbufErrors during recorded runs (this netns): %d; datagrams not %d bytes: %d%n",
                rcvbuf, PAYLOAD, odd);
        if (gsoProblem != null) System.out.println("GSO: " + gsoProblem);
        System.out.printf("load after: %s%n", readOr("/proc/loadavg"));
    }

    static String readOr(String p) {
        try {
            return Files.readString(Path.of(p)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
