package dev.fnlens.bench.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Invocations grouped into batches of at least {@code batchEvents} log events (whole
 * invocations, so a batch may be a few events over). Both systems get the same batches.
 */
public final class Batches implements Iterator<List<Invocation>> {
    private final Iterator<Invocation> invocations;
    private final int batchEvents;

    public Batches(Iterator<Invocation> invocations, int batchEvents) {
        this.invocations = invocations;
        this.batchEvents = batchEvents;
    }

    @Override
    public boolean hasNext() {
        return invocations.hasNext();
    }

    @Override
    public List<Invocation> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Invocation> batch = new ArrayList<>(batchEvents / 4);
        int events = 0;
        while (events < batchEvents && invocations.hasNext()) {
            Invocation inv = invocations.next();
            batch.add(inv);
            events += inv.eventCount();
        }
        return batch;
    }
}
