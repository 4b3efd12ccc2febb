package dev.beam.loadgen;

import dev.beam.testpeer.PeerConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread reading many peers' non-blocking channels through one Selector: each ready
 * channel is drained until empty and every datagram handed to its connection, on this thread.
 * So a few threads serve hundreds of viewers, and each connection is fed by one thread only.
 */
final class ReceiveWorker implements Runnable {
    private static final long SELECT_MILLIS = 100;

    private final Selector selector;
    private final Queue<PeerConnection> joining = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);
    private volatile boolean running = true;

    ReceiveWorker() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts reading the connection's channel (non-blocking) on this worker's thread. */
    void add(PeerConnection connection) {
        joining.add(connection);
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(SELECT_MILLIS);
                registerJoining();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    drain(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // the channels are their connections' to close
            }
        }
    }

    private void registerJoining() {
        PeerConnection connection;
        while ((connection = joining.poll()) != null) {
            try {
                connection.channel().register(selector, SelectionKey.OP_READ, connection);
            } catch (ClosedChannelException e) {
                // closed before it got here
            }
        }
    }

    private void drain(SelectionKey key) {
        PeerConnection connection = (PeerConnection) key.attachment();
        DatagramChannel channel = (DatagramChannel) key.channel();
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                if (from == null) {
                    return;
                }
                connection.onDatagram(buffer.array(), 0, buffer.position(), from);
            }
        } catch (IOException | CancelledKeyException e) {
            key.cancel(); // the connection closed its channel
        }
    }
}
