package dev.fnlens.collector.wal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Keeps a reserve of free space on the data directory's file system: below it, appends are
 * refused ({@link DiskFullException}, which ingest answers 503) before anything is written,
 * so the index still has room to flush, commit and merge, and nothing is acknowledged that
 * could not be stored. Ingest resumes by itself once space is back above the reserve.
 * Free space is read at most every {@value #RECHECK_MILLIS} ms.
 */
public final class DiskSpaceGuard {
    static final long RECHECK_MILLIS = 200;

    private final LongSupplier usableBytes;
    private final long minFreeBytes;
    private volatile long checkedAtNanos = System.nanoTime() - RECHECK_MILLIS * 2_000_000;
    private volatile long lastUsable = Long.MAX_VALUE;

    DiskSpaceGuard(LongSupplier usableBytes, long minFreeBytes) {
        this.usableBytes = usableBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /** A guard on the file system holding {@code dir}; {@code minFreeBytes = 0} only refuses at a full disk. */
    public static DiskSpaceGuard of(Path dir, long minFreeBytes) throws IOException {
        FileStore store = Files.getFileStore(dir);
        return new DiskSpaceGuard(() -> {
            try {
                return store.getUsableSpace();
            } catch (IOException e) {
                return Long.MAX_VALUE; // cannot tell: let the write itself find out
            }
        }, minFreeBytes);
    }

    /** @throws DiskFullException while free space is below the reserve */
    public void check() throws DiskFullException {
        long usable = usableBytes();
        if (usable < minFreeBytes || usable == 0) {
            throw new DiskFullException("disk nearly full: " + usable + " bytes free in the data directory, "
                    + "below the reserve of " + minFreeBytes + " (min-free-disk-bytes); retry later");
        }
    }

    /** Why ingest is refused, or null while there is room. */
    public String problem() {
        try {
            check();
            return null;
        } catch (DiskFullException e) {
            return e.getMessage();
        }
    }

    private long usableBytes() {
        long now = System.nanoTime();
        if (now - checkedAtNanos >= RECHECK_MILLIS * 1_000_000) {
            lastUsable = usableBytes.getAsLong();
            checkedAtNanos = now;
        }
        return lastUsable;
    }
}
