package dev.fnlens.agent.export;

/** The outcome of one export, completed by the export thread; others may wait for it, for a bounded time. */
final class ExportResult {
    static final ExportResult SUCCESS = new ExportResult(true);

    private boolean done;
    private boolean success;

    ExportResult() {
    }

    private ExportResult(boolean success) {
        this.done = true;
        this.success = success;
    }

    synchronized void complete(boolean succeeded) {
        if (!done) {
            done = true;
            success = succeeded;
            notifyAll();
        }
    }

    synchronized boolean isDone() {
        return done;
    }

    synchronized boolean isSuccess() {
        return done && success;
    }

    /** Waits until done or until {@code deadlineNanos} ({@link System#nanoTime()}); returns whether done. */
    synchronized boolean await(long deadlineNanos) throws InterruptedException {
        while (!done) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        return true;
    }
}
