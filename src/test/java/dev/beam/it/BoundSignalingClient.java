package dev.beam.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A signaling connection from a chosen loopback address (127.0.0.2, say), which the JDK's WebSocket
 * client cannot bind: so that a test can be another client address to the server. A bare RFC 6455
 * client: masked text frames out, text frames in, pings answered.
 */
final class BoundSignalingClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    private BoundSignalingClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Connects to the server's /ws from {@code localAddress}. */
    static BoundSignalingClient connect(URI server, String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        int port = server.getPort() < 0 ? 80 : server.getPort();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(0);
        BoundSignalingClient client = new BoundSignalingClient(socket);
        client.handshake(server.getHost() + ":" + port);
        Thread reader = new Thread(client::readLoop, "bound-ws-" + localAddress);
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    private void handshake(String host) throws IOException {
        byte[] key = new byte[16];
        random.nextBytes(key);
        out.write(("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head);
        }
    }

    /** Sends a request with a fresh id and waits for the reply carrying that id. */
    JsonObject request(String type, String fieldsJson) throws IOException, InterruptedException {
        long id = ids.incrementAndGet();
        String fields = fieldsJson.isBlank() ? "" : "," + fieldsJson;
        send("{\"type\":\"" + type + "\",\"id\":" + id + fields + "}");
        while (true) {
            JsonObject message = next();
            if (message.containsKey("id") && message.getJsonNumber("id").longValue() == id) {
                return message;
            }
        }
    }

    /** The next message of this type, skipping others. */
    JsonObject next(String type, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            JsonObject message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no '" + type + "' within " + timeoutMillis + " ms");
            }
            if (type.equals(message.getString("type"))) {
                return message;
            }
        }
    }

    private JsonObject next() throws InterruptedException {
        JsonObject message = inbox.poll(SignalingClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no reply within " + SignalingClient.TIMEOUT);
        }
        return message;
    }

    void send(String text) throws IOException {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One final, masked frame (RFC 6455 §5.2, §5.3: a client masks everything it sends). */
    private synchronized void frame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == 0x9) {
                    frame(0xA, payload); // pong, so that the server's heartbeat keeps this connection
                } else if (opcode == 0x8) {
                    return;
                } else if (opcode == 0x1 || opcode == 0x0) {
                    text.write(payload);
                    if ((first & 0x80) != 0) {
                        try (var reader = Json.createReader(new StringReader(text.toString(StandardCharsets.UTF_8)))) {
                            inbox.add(reader.readObject());
                        }
                        text.reset();
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
