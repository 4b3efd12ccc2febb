package dev.beam.loadgen;

import dev.beam.testpeer.PeerConnection;
import java.util.ArrayList;
import java.util.List;

/** W {@link ReceiveWorker} threads; connections are spread over them in turn. */
final class ReceiveWorkers implements AutoCloseable {
    private final List<ReceiveWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private int next;

    ReceiveWorkers(int count) {
        for (int i = 0; i < count; i++) {
            ReceiveWorker worker = new ReceiveWorker();
            Thread thread = new Thread(worker, "loadgen-recv-" + i);
            thread.setDaemon(true);
            workers.add(worker);
            threads.add(thread);
            thread.start();
        }
    }

    synchronized void add(PeerConnection connection) {
        workers.get(next++ % workers.size()).add(connection);
    }

    /** Stops every worker and waits for it (bounded): what they wrote is then visible to the caller. */
    @Override
    public void close() {
        workers.forEach(ReceiveWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
