package dev.fnlens.collector.wal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only, fsynced log of opaque records with group commit: one writer thread takes
 * every append waiting in the queue, writes them, fsyncs once, hands them to the
 * {@link DurableListener} in sequence order, and only then releases the callers. So a
 * caller that returned from {@link #append} knows its record survives a crash, and
 * concurrent callers share one fsync.
 *
 * <p>Each open starts a new segment (never appending after a possibly torn tail); old
 * segments are deleted once their records are covered by the index ({@link #deleteSegmentsThrough}).
 *
 * <p>A write or fsync that fails for lack of space fails only its batch: the segment is cut
 * back to its last durable record and the log goes on; so does an error (the heap running out
 * while a query holds it). Any other failure stops the log.
 *
 * @param <T> an in-memory attachment handed to the listener with its record, so the
 *            consumer need not decode the payload it was just given
 */
public final class WriteAheadLog<T> implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final int MAX_BATCH = 1024;
    private static final long DELIVERY_RETRY_MILLIS = 100;

    /**
     * Receives each record after it is durable, in sequence order, on the writer thread.
     * It may block (that is back-pressure on every appender) but should not throw: the
     * record is acknowledged regardless, replay after a restart delivers it again.
     */
    @FunctionalInterface
    public interface DurableListener<T> {
        void durable(long seq, T item);
    }

    /** Told about each group commit: how long the fsync took and how many records it covered. */
    @FunctionalInterface
    public interface SyncListener {
        void synced(long fsyncNanos, int records);
    }

    private record Pending<T>(byte[] payload, T item, CompletableFuture<Long> done) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final SyncListener syncListener;
    private final DurableListener<T> durableListener;
    private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Object appendLock = new Object();
    private final NavigableMap<Long, Path> segments;
    private final Thread writer;
    private FileChannel channel;
    private long nextSeq;
    private volatile boolean closing;
    private volatile IOException failure;
    private volatile long durableSeq;

    private WriteAheadLog(Path dir, long nextSeq, long segmentBytes, SyncListener syncListener,
                          DurableListener<T> durableListener) throws IOException {
        this.dir = dir;
        this.nextSeq = nextSeq;
        this.durableSeq = nextSeq - 1;
        this.segmentBytes = segmentBytes;
        this.syncListener = syncListener;
        this.durableListener = durableListener;
        this.segments = WalSegments.list(dir);
        if (!segments.isEmpty() && segments.lastKey() > nextSeq) {
            throw new IOException("segment " + segments.lastEntry().getValue() + " is ahead of sequence " + nextSeq);
        }
        openSegment();
        this.writer = new Thread(this::run, "fnlens-wal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens the log for appending; the first record gets {@code nextSeq}. Replay first. */
    public static <T> WriteAheadLog<T> open(Path dir, long nextSeq, long segmentBytes, SyncListener syncListener,
                                            DurableListener<T> durableListener) throws IOException {
        Files.createDirectories(dir);
        return new WriteAheadLog<>(dir, nextSeq, segmentBytes, syncListener, durableListener);
    }

    /** Appends one record and waits until it is on disk. Returns its sequence number. */
    public long append(byte[] payload, T item) throws IOException {
        CompletableFuture<Long> done = new CompletableFuture<>();
        synchronized (appendLock) {
            if (failure != null) {
                throw new IOException("write-ahead log failed earlier: " + failure.getMessage(), failure);
            }
            if (closing) {
                throw new IOException("write-ahead log is closed");
            }
            queue.add(new Pending<>(payload, item, done));
        }
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for fsync");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    /** Deletes closed segments whose records all have a sequence {@code <= seq}. */
    public void deleteSegmentsThrough(long seq) throws IOException {
        synchronized (segments) {
            Iterator<Map.Entry<Long, Path>> it = segments.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Path> segment = it.next();
                Long nextFirst = segments.higherKey(segment.getKey());
                if (nextFirst == null || nextFirst - 1 > seq) {
                    break; // the active segment, or one holding records not yet indexed
                }
                Files.deleteIfExists(segment.getValue());
                it.remove();
            }
        }
    }

    /** Number of segment files, the active one included. */
    public int segmentCount() {
        synchronized (segments) {
            return segments.size();
        }
    }

    /**
     * The sequence of the last record known to be fsynced; records after it may sit in the
     * file unsynced, or be cut away again (a full disk), so a reader must not trust them.
     */
    public long durableSeq() {
        return durableSeq;
    }

    /** Why the log stopped accepting appends, or null while healthy. */
    public IOException failure() {
        return failure;
    }

    /** Stops taking appends, waits for queued ones to become durable, closes the file. */
    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            closing = true;
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the write-ahead log");
        }
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>();
        try {
            while (!(closing && queue.isEmpty())) {
                Pending<T> first = null;
                try {
                    first = queue.poll(100, TimeUnit.MILLISECONDS); // waiting allocates
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    if (failure != null) {
                        fail(batch, failure);
                    } else {
                        commit(batch);
                    }
                } catch (Error e) { // before anything was written: commit answers for its own
                    if (first != null) {
                        refuse(batch.isEmpty() ? List.of(first) : batch, e);
                    }
                } finally {
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing write-ahead log segment: {}", e.toString());
            }
        }
    }

    private void commit(List<Pending<T>> batch) {
        long durableEnd = -1;
        long[] seqs;
        try {
            durableEnd = channel.position();
            ByteBuffer[] buffers = new ByteBuffer[batch.size() * 2];
            seqs = new long[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                seqs[i] = nextSeq + i;
                buffers[2 * i] = WalFormat.header(seqs[i], batch.get(i).payload());
                buffers[2 * i + 1] = ByteBuffer.wrap(batch.get(i).payload());
            }
            while (buffers[buffers.length - 1].hasRemaining()) {
                channel.write(buffers);
            }
            long t0 = System.nanoTime();
            channel.force(false);
            syncListener.synced(System.nanoTime() - t0, batch.size());
        } catch (Error e) {
            // e.g. an OutOfMemoryError while a query held the heap: nothing of the batch was acknowledged, so it
            // is cut away and refused, and the log goes on; the senders retry
            if (rewind(durableEnd)) {
                refuse(batch, e);
            } else {
                stop(batch, new IOException(e));
            }
            return;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io && DiskFullException.isOutOfSpace(io) && rewind(durableEnd)) {
                LOG.warn("write-ahead log: out of disk space, {} appends refused: {}", batch.size(), io.getMessage());
                for (Pending<T> p : batch) {
                    p.done().completeExceptionally(
                            new DiskFullException("no space left for the write-ahead log: " + io.getMessage()));
                }
                return;
            }
            // after a failed write or fsync the file's state is unknown: stop, so nothing
            // is acknowledged that might not survive; a restart replays what did.
            stop(batch, e instanceof IOException io ? io : new IOException(e));
            return;
        }
        nextSeq += batch.size();
        durableSeq = nextSeq - 1;
        rollIfFull();
        for (int i = 0; i < batch.size(); i++) {
            deliver(seqs[i], batch.get(i).item());
            batch.get(i).done().complete(seqs[i]);
        }
    }

    /** Fails appends of which nothing was kept, the log going on. */
    private void refuse(List<Pending<T>> batch, Error e) {
        LOG.warn("write-ahead log: {} appends refused after {}", batch.size(), e.toString());
        for (Pending<T> p : batch) {
            p.done().completeExceptionally(new IOException("the collector could not write the record (" + e
                    + "); nothing of it was kept, retry", e));
        }
    }

    private void stop(List<Pending<T>> batch, IOException cause) {
        failure = cause;
        LOG.error("write-ahead log failed, rejecting appends until restart", cause);
        fail(batch, failure);
    }

    /**
     * Cuts the segment back to {@code durableEnd}, the end of its last fsynced record, after a
     * batch that ran out of space or hit an error before it was acknowledged. Records before it
     * were fsynced by earlier commits, so they stay durable; the torn batch is gone. False if
     * even that fails.
     */
    private boolean rewind(long durableEnd) {
        if (durableEnd < 0) {
            return false;
        }
        try {
            channel.truncate(durableEnd);
            channel.position(durableEnd);
            channel.force(false);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot cut the write-ahead log back to offset {}: {}", durableEnd, e.toString());
            return false;
        }
    }

    /**
     * Starts the next segment once this one is full. The next one is opened before this one
     * is closed, so a failure (a full disk) leaves this one in use, to roll on a later commit.
     */
    private void rollIfFull() {
        try {
            if (channel.position() >= segmentBytes) {
                FileChannel full = channel;
                openSegment();
                full.close();
            }
        } catch (IOException | RuntimeException | Error e) { // the batch is durable: its appenders get their answer
            LOG.warn("cannot start a new write-ahead log segment, going on in the current one: {}", e.toString());
        }
    }

    /**
     * Hands a durable record on. An error (an {@code OutOfMemoryError} while a query holds the heap) is retried until
     * the record is taken: it is acknowledged next, and a record the index never got could be lost for good once a
     * commit covers the records after it.
     */
    private void deliver(long seq, T item) {
        for (int attempt = 1; ; attempt++) {
            try {
                durableListener.durable(seq, item);
                return;
            } catch (RuntimeException e) {
                LOG.error("listener failed on durable record {}; it will be replayed after a restart", seq, e);
                return;
            } catch (Error e) {
                if (attempt == 1 || attempt % 100 == 0) {
                    LOG.error("handing on durable record {} failed (attempt {}), retrying: {}", seq, attempt, e.toString());
                }
                try {
                    Thread.sleep(DELIVERY_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void fail(List<Pending<T>> batch, IOException cause) {
        for (Pending<T> p : batch) {
            p.done().completeExceptionally(new IOException("write-ahead log failed: " + cause.getMessage(), cause));
        }
    }

    private void openSegment() throws IOException {
        Path path = WalSegments.path(dir, nextSeq);
        // TRUNCATE_EXISTING: a segment named nextSeq can only hold a torn, never-acknowledged record
        FileChannel next = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            IOUtils.fsync(dir, true); // make the new file's directory entry durable too
        } catch (IOException | RuntimeException e) {
            next.close();
            Files.deleteIfExists(path);
            throw e;
        }
        channel = next;
        synchronized (segments) {
            segments.put(nextSeq, path);
        }
    }
}
