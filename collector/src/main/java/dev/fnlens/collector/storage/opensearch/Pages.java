package dev.fnlens.collector.storage.opensearch;

import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * Items OpenSearch hands over page by page, read as they are needed: memory holds one page.
 * Stops at the deadline or on cancellation by throwing {@link QueryAbortedException} (which the
 * engine answers as Timeout or Cancelled); a failed request throws {@link UncheckedIOException}.
 */
abstract class Pages<T> implements Iterator<T> {
    private final Deque<T> buffer = new ArrayDeque<>();
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;
    private boolean done;

    Pages(long deadlineNanos, BooleanSupplier cancelled) {
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
    }

    /** Reads the next page into {@code into}, with at most {@code left} to answer; true when it was the last. */
    abstract boolean readPage(Duration left, Deque<T> into) throws IOException;

    @Override
    public boolean hasNext() {
        while (buffer.isEmpty() && !done) {
            fetch();
        }
        return !buffer.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.poll();
    }

    private void fetch() {
        if (cancelled.getAsBoolean()) {
            throw new QueryAbortedException(false);
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new QueryAbortedException(true);
        }
        try {
            done = readPage(Duration.ofNanos(left), buffer);
        } catch (HttpTimeoutException e) {
            throw new QueryAbortedException(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
