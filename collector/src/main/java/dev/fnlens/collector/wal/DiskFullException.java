package dev.fnlens.collector.wal;

import java.io.IOException;

/** Nothing was stored because the disk is (nearly) full; retrying once space returns succeeds. */
public final class DiskFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public DiskFullException(String message) {
        super(message);
    }

    /** Whether a failed write ran out of space (ENOSPC, EDQUOT), as opposed to a disk error. */
    static boolean isOutOfSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof DiskFullException
                    || m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
