package dev.beam.media.pipeline;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one owner's packets and tasks one at a time on a shared executor, so that what the owner
 * keeps needs no lock, while different owners run on different cores. Any thread may offer.
 *
 * <p>Bounded in count and in time: a packet offered to a full queue is refused, and one that
 * reached the server more than {@code maxDelayNanos} ago when its turn comes is dropped, never
 * delivered late. A real-time server sheds rather than queues. Tasks (timer beats, control) run
 * before the packets waiting; each run handles at most {@value #BATCH} items, then yields the
 * thread so that one busy owner cannot starve the others. On a {@link TurnExecutor}, each turn
 * is ended before the next may start.
 */
public final class PacketWorker<T extends Queued> {
    private static final Logger LOG = Logger.getLogger(PacketWorker.class.getName());
    static final int BATCH = 64;

    private final String name;
    private final Executor executor;
    private final Runnable endOfTurn;
    private final LongSupplier nanoTime;
    private final long maxDelayNanos;
    private final Consumer<T> handler;
    private final LongAdder stale;
    private final Consumer<? super T> late;
    private final ArrayBlockingQueue<T> packets;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Failures are logged in full once per worker, then briefly: a bug must not flood the log per packet. */
    private boolean failedBefore;
    private final Runnable run = this::run;

    /**
     * @param stale counts packets dropped because they waited too long
     */
    public PacketWorker(String name, Executor executor, int capacity, long maxDelayNanos, LongSupplier nanoTime,
            Consumer<T> handler, LongAdder stale) {
        this(name, executor, capacity, maxDelayNanos, nanoTime, handler, stale, Queued::release);
    }

    /**
     * @param stale counts packets dropped because they waited too long
     * @param late  takes each of them once counted, and must release it: what an owner still
     *              does for a packet it will not handle
     */
    public PacketWorker(String name, Executor executor, int capacity, long maxDelayNanos, LongSupplier nanoTime,
            Consumer<T> handler, LongAdder stale, Consumer<? super T> late) {
        if (capacity < 1 || maxDelayNanos < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ", max delay " + maxDelayNanos + " ns");
        }
        this.name = name;
        this.executor = executor;
        this.endOfTurn = executor instanceof TurnExecutor turns ? turns::endTurn : () -> { };
        this.nanoTime = nanoTime;
        this.maxDelayNanos = maxDelayNanos;
        this.handler = handler;
        this.stale = stale;
        this.late = late;
        this.packets = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues the packet; false, and the caller keeps it, when the queue is full. */
    public boolean offer(T packet) {
        if (!packets.offer(packet)) {
            return false;
        }
        schedule();
        return true;
    }

    /** Runs the task in this worker's turn, before the packets waiting. */
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(run);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                LOG.log(Level.WARNING, "[" + name + "] media executor refused work; dropping what waits", e);
                drainAll();
            }
        }
    }

    private void run() {
        int done = 0;
        while (done < BATCH) {
            Runnable task = tasks.poll();
            if (task != null) {
                runTask(task);
                done++;
                continue;
            }
            T packet = packets.poll();
            if (packet == null) {
                break;
            }
            done++;
            if (nanoTime.getAsLong() - packet.receivedNanos() > maxDelayNanos) {
                stale.increment();
                late.accept(packet);
            } else {
                handle(packet);
            }
        }
        // Before another thread may take the next turn: a packet still held here would go out
        // after that turn's packets.
        endOfTurn.run();
        scheduled.set(false);
        if (!(tasks.isEmpty() && packets.isEmpty())) {
            schedule();
        }
    }

    private void handle(T packet) {
        try {
            handler.accept(packet);
        } catch (RuntimeException e) {
            // The handler owned the packet; a bug in one packet's handling must not stop the owner.
            failed("packet handling failed", e);
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            failed("task failed", e);
        }
    }

    private void failed(String what, RuntimeException e) {
        if (failedBefore) {
            LOG.fine(() -> "[" + name + "] " + what + " again: " + e);
        } else {
            failedBefore = true;
            LOG.log(Level.WARNING, "[" + name + "] " + what, e);
        }
    }

    private void drainAll() {
        T packet;
        while ((packet = packets.poll()) != null) {
            packet.release();
        }
        tasks.clear();
    }
}
