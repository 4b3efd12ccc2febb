package dev.beam.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad network between browsers and the media port, on loopback: each client gets its own
 * socket toward the server (as behind a NAT), and RTP toward clients is delayed and randomly
 * dropped (STUN, DTLS and RTCP pass untouched, so only media is lost); and everything toward
 * clients may be limited to a rate, by a token bucket holding {@value #BUCKET_MILLIS} ms of it that
 * drops what does not fit, as a narrow link with a short queue does.
 */
final class LossyRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final InetSocketAddress server;
    private final double loss;
    private final long delayMillis;
    private final Random random = new Random(42);
    private final Map<SocketAddress, DatagramSocket> upstream = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor();
    static final long BUCKET_MILLIS = 500;
    /**
     * Run in a page before it negotiates, with the relay's port: the server's answers then name
     * the relay instead of the media port (their loopback candidate rewritten, the others dropped).
     */
    static final String THROUGH_RELAY = """
            const port = arguments[0];
            const original = RTCPeerConnection.prototype.setRemoteDescription;
            RTCPeerConnection.prototype.setRemoteDescription = function (description) {
              const sdp = description.sdp.split('\\r\\n')
                .filter(line => !line.startsWith('a=candidate') || line.includes(' 127.0.0.1 '))
                .map(line => line.startsWith('a=candidate') ? line.replace(/ 127\\.0\\.0\\.1 \\d+ /, ' 127.0.0.1 ' + port + ' ') : line)
                .join('\\r\\n');
              return original.call(this, {type: description.type, sdp: sdp});
            };
            """;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong overLimit = new AtomicLong();
    private volatile boolean closed;
    /** Bits per second toward clients, 0 for no limit. */
    private long limitBps;
    private double tokens;
    private long refilledNanos;

    LossyRelay(InetSocketAddress server, double loss, long delayMillis) throws IOException {
        this.server = server;
        this.loss = loss;
        this.delayMillis = delayMillis;
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::fromClients, "relay-front");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return front.getLocalPort();
    }

    /** Limits what reaches clients to this many bits per second from now on; 0 lifts the limit. */
    synchronized void limit(long bitsPerSecond) {
        limitBps = bitsPerSecond;
        tokens = bitsPerSecond / 8.0 * BUCKET_MILLIS / 1000;
        refilledNanos = System.nanoTime();
    }

    /** Whether a datagram of this size fits the limit now, taking its tokens if so. */
    private synchronized boolean fits(int bytes) {
        if (limitBps == 0) {
            return true;
        }
        long now = System.nanoTime();
        double capacity = limitBps / 8.0 * BUCKET_MILLIS / 1000;
        tokens = Math.min(capacity, tokens + limitBps / 8.0 * (now - refilledNanos) / 1e9);
        refilledNanos = now;
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }

    private void fromClients() {
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                front.receive(packet);
                SocketAddress client = packet.getSocketAddress();
                DatagramSocket toServer = upstream.computeIfAbsent(client, this::open);
                toServer.send(new DatagramPacket(packet.getData(), packet.getLength(), server));
            } catch (IOException e) {
                return;
            }
        }
    }

    private DatagramSocket open(SocketAddress client) {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(() -> toClient(socket, client), "relay-back");
            thread.setDaemon(true);
            thread.start();
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void toClient(DatagramSocket socket, SocketAddress client) {
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
            boolean rtp = data.length > 1 && (data[0] & 0xC0) == 0x80 && ((data[1] & 0xFF) < 192 || (data[1] & 0xFF) > 223);
            synchronized (random) {
                if (rtp && random.nextDouble() < loss) {
                    dropped.incrementAndGet();
                    continue;
                }
            }
            if (!fits(data.length)) {
                overLimit.incrementAndGet();
                continue;
            }
            delayed.schedule(() -> send(data, client), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void send(byte[] data, SocketAddress client) {
        try {
            front.send(new DatagramPacket(data, data.length, client));
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // the relay is closing
        }
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        upstream.values().forEach(DatagramSocket::close);
        delayed.shutdownNow();
    }
}
