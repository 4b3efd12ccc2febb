package dev.beam.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * One browser's TCP connection to the media port (RFC 6544 passive candidate). Frames go out from
 * whichever thread sends: straight into the socket while nothing waits, else into a bounded
 * queue the port's selector thread writes when the socket takes more. A peer that reads too
 * slowly loses frames (counted), never holds up the thread that sends to it or anyone else.
 */
final class TcpLink {
    /** Frames waiting per connection: about half a second of a 2.5 Mbit/s stream. */
    static final int MAX_QUEUED = 128;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final LongAdder queueDrops;
    final ByteBuffer in;
    final long acceptedNanos;
    /** Guarded by this: frames (prefix included) the socket has not taken yet, the first maybe in part. */
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    /** Set once the first check admitted it to a session; read by the selector thread. */
    private volatile TcpCandidates.Attachment attachment;
    private volatile boolean closed;

    TcpLink(SocketChannel channel, SelectionKey key, InetSocketAddress remote, InetSocketAddress local,
            ByteBuffer in, long acceptedNanos, LongAdder queueDrops) {
        this.channel = channel;
        this.key = key;
        this.remote = remote;
        this.local = local;
        this.in = in;
        this.acceptedNanos = acceptedNanos;
        this.queueDrops = queueDrops;
    }

    InetSocketAddress remote() {
        return remote;
    }

    InetSocketAddress local() {
        return local;
    }

    TcpCandidates.Attachment attachment() {
        return attachment;
    }

    void attach(TcpCandidates.Attachment attachment) {
        this.attachment = attachment;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Sends one packet as an RFC 4571 frame; false when it cannot go: too long, the connection
     * closed, or the queue full (counted as a drop). Never blocks on the peer.
     */
    boolean send(byte[] buf, int off, int len) {
        if (len <= 0 || len > 0xFFFF) {
            return false;
        }
        boolean wake;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.isEmpty()) {
                ByteBuffer prefix = ByteBuffer.allocate(Rfc4571Frames.HEADER);
                Rfc4571Frames.header(prefix, len);
                ByteBuffer body = ByteBuffer.wrap(buf, off, len);
                try {
                    channel.write(new ByteBuffer[] {prefix, body});
                } catch (IOException e) {
                    closeQuietly();
                    return false;
                }
                if (!body.hasRemaining()) {
                    return true;
                }
                queue.add(rest(prefix, body));
            } else if (queue.size() >= MAX_QUEUED) {
                queueDrops.increment();
                return false;
            } else {
                ByteBuffer frame = ByteBuffer.allocate(Rfc4571Frames.HEADER + len);
                frame.put((byte) (len >>> 8)).put((byte) len).put(buf, off, len).flip();
                queue.add(frame);
            }
            wake = queue.size() == 1 && key.isValid();
            if (wake) {
                // The selector thread writes the rest once the socket takes more.
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
        if (wake) {
            key.selector().wakeup();
        }
        return true;
    }

    /** On the selector thread, when the socket takes more: writes what waits. */
    void flush() {
        synchronized (this) {
            try {
                while (!queue.isEmpty()) {
                    ByteBuffer head = queue.peek();
                    channel.write(head);
                    if (head.hasRemaining()) {
                        return;
                    }
                    queue.poll();
                }
            } catch (IOException e) {
                closeQuietly();
                return;
            }
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    int read() throws IOException {
        return channel.read(in);
    }

    /** Closes the socket once; the port's selector notices and forgets the connection. */
    void closeQuietly() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        key.selector().wakeup();
    }

    private static ByteBuffer rest(ByteBuffer prefix, ByteBuffer body) {
        ByteBuffer rest = ByteBuffer.allocate(prefix.remaining() + body.remaining());
        rest.put(prefix).put(body).flip();
        return rest;
    }
}
