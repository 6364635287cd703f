package dev.fnlens.local;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The execution environments of one function, scaled the way Lambda scales them: a free warm environment
 * takes the invocation; otherwise a new one starts (a cold start), up to the reserved concurrency, past
 * which the caller is throttled. Environments idle longer than the idle timeout are stopped.
 */
public final class FunctionPool implements AutoCloseable {
    private final FunctionSpec function;
    private final RuntimeSettings settings;
    private final int reservedConcurrency;
    private final long idleTimeoutMs;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final List<ExecutionEnvironment> busy = new ArrayList<>();
    private boolean closed;

    private record Idle(ExecutionEnvironment environment, long sinceMs) {
    }

    /** @param reservedConcurrency most environments at once; 0 for no limit */
    public FunctionPool(FunctionSpec function, RuntimeSettings settings, int reservedConcurrency, long idleTimeoutMs) {
        this.function = function;
        this.settings = settings;
        this.reservedConcurrency = reservedConcurrency;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    public InvocationResult invoke(byte[] event) throws TooManyRequestsException, IOException, InterruptedException {
        return invoke(event, null);
    }

    /** @param traceHeader the caller's {@code X-Amzn-Trace-Id}, or null */
    public InvocationResult invoke(byte[] event, String traceHeader)
            throws TooManyRequestsException, IOException, InterruptedException {
        ExecutionEnvironment environment = acquire();
        try {
            return environment.invoke(event, traceHeader);
        } finally {
            release(environment);
        }
    }

    /** Stops the environments that have been idle for longer than the idle timeout. */
    public void reapIdle() {
        long cutoff = System.currentTimeMillis() - idleTimeoutMs;
        List<ExecutionEnvironment> expired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(i -> i.sinceMs < cutoff && expired.add(i.environment));
        }
        expired.forEach(ExecutionEnvironment::close);
    }

    public synchronized int environmentCount() {
        return idle.size() + busy.size();
    }

    public FunctionSpec function() {
        return function;
    }

    private ExecutionEnvironment acquire() throws TooManyRequestsException, IOException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("function " + function.name() + " is stopped");
            }
            // the most recently used environment first, as Lambda does: the others can age out
            Idle warm;
            while ((warm = idle.pollFirst()) != null) {
                if (warm.environment.isAlive()) {
                    busy.add(warm.environment);
                    return warm.environment;
                }
            }
            if (reservedConcurrency > 0 && busy.size() >= reservedConcurrency) {
                throw new TooManyRequestsException(function.name(), reservedConcurrency);
            }
            busy.add(null); // hold the slot while the JVM starts outside the lock
        }
        ExecutionEnvironment started = null;
        try {
            started = ExecutionEnvironment.start(function, settings);
            return started;
        } finally {
            synchronized (this) {
                busy.remove(null);
                if (started != null) {
                    busy.add(started);
                }
            }
        }
    }

    private void release(ExecutionEnvironment environment) {
        boolean keep;
        synchronized (this) {
            busy.remove(environment);
            keep = !closed && environment.isAlive();
            if (keep) {
                idle.addFirst(new Idle(environment, System.currentTimeMillis()));
            }
        }
        if (!keep) {
            environment.close();
        }
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.forEach(i -> all.add(i.environment));
            idle.clear();
            busy.stream().filter(e -> e != null).forEach(all::add);
        }
        all.forEach(ExecutionEnvironment::close);
    }
}
