package dev.fnlens.local.invoke;

import dev.fnlens.local.FunctionPool;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.TooManyRequestsException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation ({@code X-Amz-Invocation-Type: Event}): the caller is answered at once; a
 * failed invocation is tried twice more, after a delay, then given up (a throttled one too).
 */
public final class AsyncInvoker implements AutoCloseable {
    public static final int MAX_ATTEMPTS = 3;

    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "fnlens-async-invoke");
        t.setDaemon(true);
        return t;
    });
    private final List<Duration> retryDelays;
    private final Consumer<String> log;

    /** @param retryDelays the wait before the second and third attempts (Lambda: about 1 and 2 minutes) */
    public AsyncInvoker(List<Duration> retryDelays, Consumer<String> log) {
        if (retryDelays.size() != MAX_ATTEMPTS - 1) {
            throw new IllegalArgumentException("need " + (MAX_ATTEMPTS - 1) + " retry delays");
        }
        this.retryDelays = List.copyOf(retryDelays);
        this.log = log;
    }

    public void submit(FunctionPool function, byte[] event) {
        workers.execute(() -> attempt(function, event, 1));
    }

    private void attempt(FunctionPool function, byte[] event, int attempt) {
        String outcome;
        try {
            InvocationResult result = function.invoke(event);
            if (!result.failed()) {
                return;
            }
            outcome = result.errorType();
        } catch (TooManyRequestsException e) {
            outcome = "throttled";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            outcome = e.toString();
        }
        if (attempt < MAX_ATTEMPTS && !workers.isShutdown()) {
            workers.schedule(() -> attempt(function, event, attempt + 1),
                    retryDelays.get(attempt - 1).toMillis(), TimeUnit.MILLISECONDS);
        } else {
            log.accept("asynchronous invocation of " + function.function().name() + " dropped after "
                    + attempt + " attempts: " + outcome);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
