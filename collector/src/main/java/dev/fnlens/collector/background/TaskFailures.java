package dev.fnlens.collector.background;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** What a task on another thread threw, to be thrown on the thread that waited for it. */
public final class TaskFailures {
    private TaskFailures() {
    }

    /**
     * The task's exception as it was: a {@code RuntimeException} or an {@code Error} is thrown from here, an
     * {@code IOException} returned to be thrown ({@code throw TaskFailures.cause(e)}), anything else wrapped in one.
     */
    public static IOException cause(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof IOException io ? io : new IOException(cause);
    }
}
