package dev.beam.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class PacketWorkerTest {
    private static final long MS = 1_000_000;

    /** An executor the test runs by hand, one task at a time. */
    private static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private static final class TestPacket implements Queued {
        final int id;
        final long received;
        boolean released;

        TestPacket(int id, long received) {
            this.id = id;
            this.received = received;
        }

        @Override
        public long receivedNanos() {
            return received;
        }

        @Override
        public void release() {
            released = true;
        }
    }

    private long now = 1000 * MS;
    private final ManualExecutor executor = new ManualExecutor();
    private final LongAdder stale = new LongAdder();
    private final List<String> handled = new ArrayList<>();

    private PacketWorker<TestPacket> worker(int capacity) {
        return new PacketWorker<>("test", executor, capacity, 200 * MS, () -> now, packet -> {
            handled.add("packet " + packet.id);
            packet.release();
        }, stale);
    }

    @Test
    void packetsRunInOrderOnOneScheduledTask() {
        PacketWorker<TestPacket> worker = worker(8);
        assertTrue(worker.offer(new TestPacket(1, now)));
        assertTrue(worker.offer(new TestPacket(2, now)));
        assertEquals(1, executor.tasks.size(), "one run scheduled for both");
        executor.runAll();
        assertEquals(List.of("packet 1", "packet 2"), handled);
    }

    @Test
    void aTurnEndsBeforeAnotherThreadMayTakeTheNextOne() {
        List<Integer> turnsWaitingAtEnd = new ArrayList<>();
        ArrayDeque<Runnable> turns = new ArrayDeque<>();
        PacketWorker<TestPacket>[] worker = new PacketWorker[1];
        TurnExecutor executor = new TurnExecutor() {
            @Override
            public void execute(Runnable task) {
                turns.add(task);
            }

            @Override
            public void endTurn() {
                handled.add("end of turn");
                // a packet arriving now must not start a turn that could overtake what this one holds
                worker[0].offer(new TestPacket(2, now));
                turnsWaitingAtEnd.add(turns.size());
            }
        };
        worker[0] = new PacketWorker<>("test", executor, 8, 200 * MS, () -> now, packet -> {
            handled.add("packet " + packet.id);
            packet.release();
        }, stale);

        worker[0].offer(new TestPacket(1, now));
        turns.poll().run();

        assertEquals(List.of("packet 1", "end of turn"), handled);
        assertEquals(List.of(0), turnsWaitingAtEnd, "no second turn while the first still holds its sends");
        assertEquals(1, turns.size(), "the packet that came meanwhile gets the next turn");
    }

    @Test
    void mediaOlderThanTheBoundIsDroppedAndCountedNeverDeliveredLate() {
        PacketWorker<TestPacket> worker = worker(8);
        TestPacket old = new TestPacket(1, now);
        TestPacket fresh = new TestPacket(2, now + 60 * MS);
        worker.offer(old);
        worker.offer(fresh);
        now += 250 * MS; // the worker got its turn late: 250 ms and 190 ms after arrival
        executor.runAll();
        assertEquals(List.of("packet 2"), handled);
        assertTrue(old.released, "the stale packet's buffer goes back");
        assertEquals(1, stale.sum());
    }

    @Test
    void aStalePacketGoesToTheLateHandlerOnceCounted() {
        List<String> late = new ArrayList<>();
        PacketWorker<TestPacket> worker = new PacketWorker<>("test", executor, 8, 200 * MS, () -> now, packet -> {
            handled.add("packet " + packet.id);
            packet.release();
        }, stale, packet -> {
            late.add("late " + packet.id + ", counted " + stale.sum());
            packet.release();
        });
        TestPacket old = new TestPacket(1, now);
        worker.offer(old);
        worker.offer(new TestPacket(2, now + 60 * MS));
        now += 250 * MS;
        executor.runAll();
        assertEquals(List.of("late 1, counted 1"), late, "what the owner still does for it, say record its arrival");
        assertEquals(List.of("packet 2"), handled);
        assertTrue(old.released);
    }

    @Test
    void aFullQueueRefusesAndTheCallerKeepsThePacket() {
        PacketWorker<TestPacket> worker = worker(2);
        assertTrue(worker.offer(new TestPacket(1, now)));
        assertTrue(worker.offer(new TestPacket(2, now)));
        TestPacket third = new TestPacket(3, now);
        assertFalse(worker.offer(third));
        assertFalse(third.released);
        executor.runAll();
        assertEquals(List.of("packet 1", "packet 2"), handled);
    }

    @Test
    void tasksRunBeforeThePacketsWaiting() {
        PacketWorker<TestPacket> worker = worker(8);
        worker.offer(new TestPacket(1, now));
        worker.execute(() -> handled.add("task"));
        executor.runAll();
        assertEquals(List.of("task", "packet 1"), handled);
    }

    @Test
    void aLongBacklogYieldsTheThreadAfterABatchAndGoesOn() {
        PacketWorker<TestPacket> worker = worker(1000);
        for (int i = 0; i < PacketWorker.BATCH + 10; i++) {
            worker.offer(new TestPacket(i, now));
        }
        executor.tasks.poll().run();
        assertEquals(PacketWorker.BATCH, handled.size(), "one batch, then the thread is given back");
        assertEquals(1, executor.tasks.size(), "and the rest is scheduled again");
        executor.runAll();
        assertEquals(PacketWorker.BATCH + 10, handled.size());
    }

    @Test
    void aFailingHandlerDoesNotStopTheOwner() {
        PacketWorker<TestPacket> worker = new PacketWorker<>("test", executor, 8, 200 * MS, () -> now, packet -> {
            if (packet.id == 1) {
                throw new IllegalStateException("bug in one packet's handling");
            }
            handled.add("packet " + packet.id);
        }, stale);
        worker.offer(new TestPacket(1, now));
        worker.offer(new TestPacket(2, now));
        worker.execute(() -> {
            throw new IllegalStateException("bug in a task");
        });
        executor.runAll();
        assertEquals(List.of("packet 2"), handled);
        worker.offer(new TestPacket(3, now));
        executor.runAll();
        assertEquals(List.of("packet 2", "packet 3"), handled);
    }
}
