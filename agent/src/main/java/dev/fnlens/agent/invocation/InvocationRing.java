package dev.fnlens.agent.invocation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, lock-free queue of preallocated {@link Invocation} slots (Vyukov's bounded queue):
 * any number of handler threads claim and publish without locks or allocation; one consumer at a
 * time (callers serialise consumers) takes them in order. Full: the invocation is dropped and counted.
 */
public final class InvocationRing implements InvocationSink {
    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE = MethodHandles.lookup().findVarHandle(Invocation.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Invocation[] cells;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private long head;

    public InvocationRing(int minCapacity) {
        int capacity = Integer.highestOneBit(Math.max(2, minCapacity - 1)) << 1;
        cells = new Invocation[capacity];
        for (int i = 0; i < capacity; i++) {
            cells[i] = new Invocation();
            cells[i].sequence = i;
        }
        mask = capacity - 1;
    }

    public int capacity() {
        return cells.length;
    }

    @Override
    public Invocation claim() {
        long pos = tail.get();
        while (true) {
            Invocation cell = cells[(int) pos & mask];
            long dif = (long) SEQUENCE.getAcquire(cell) - pos;
            if (dif == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    cell.position = pos;
                    return cell;
                }
                pos = tail.get();
            } else if (dif < 0) {
                dropped.incrementAndGet();
                return null;
            } else {
                pos = tail.get();
            }
        }
    }

    @Override
    public void publish(Invocation cell) {
        SEQUENCE.setRelease(cell, cell.position + 1);
    }

    /** The oldest published invocation, or null; the caller must {@link #release} it when done. */
    public Invocation peek() {
        Invocation cell = cells[(int) head & mask];
        return (long) SEQUENCE.getAcquire(cell) == head + 1 ? cell : null;
    }

    public void release(Invocation cell) {
        cell.clear();
        SEQUENCE.setRelease(cell, head + cells.length);
        head++;
    }

    /** Published and not yet released. */
    public long backlog() {
        return Math.max(0, tail.get() - head);
    }

    /** Invocations dropped because the queue was full, since the start. */
    public long dropped() {
        return dropped.get();
    }
}
