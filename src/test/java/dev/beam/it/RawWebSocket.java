package dev.beam.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket (RFC 6455), for what {@link SignalingClient} cannot do: bind
 * a chosen local address (127.0.0.x, so that a test owns a client address of its own), shrink its
 * receive buffer, and never read what the server sends.
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final int status;

    private RawWebSocket(Socket socket, int status) {
        this.socket = socket;
        this.status = status;
    }

    /** Opens the handshake from {@code localAddress}; {@code receiveBuffer} 0 keeps the default. */
    static RawWebSocket open(String localAddress, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", TestServer.uri().getPort()), 10_000);
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET /ws HTTP/1.1\r\nHost: localhost:" + TestServer.uri().getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawWebSocket(socket, readStatus(socket.getInputStream()));
    }

    /** The handshake's HTTP status: 101 when upgraded. */
    int status() {
        return status;
    }

    boolean upgraded() {
        return status == 101;
    }

    /** One masked text frame, as a client must send it (RFC 6455 section 5.3). */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            throw new IllegalArgumentException("frame too large for this test client");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads and drops what the server sent until it closes; false if it did not within the socket timeout. */
    boolean drainUntilClosed() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            while (in.read(buffer) >= 0) {
                // dropped: the test only waits for the end of the stream
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static int readStatus(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < 16_384) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String statusLine = head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("no HTTP status line: '" + statusLine + "'");
        }
        return Integer.parseInt(parts[1]);
    }
}
