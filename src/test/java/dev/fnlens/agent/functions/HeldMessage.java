package dev.fnlens.agent.functions;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.message.AsynchronouslyFormattable;
import org.apache.logging.log4j.message.Message;

/**
 * A Log4j message that an appender on another thread can only format once {@code gate} is open (at most
 * 10 s): it holds an asynchronous appender's output back until a later invocation has started. Formatted
 * on the thread that logged it, it never waits. Log4j formats it where the appender runs
 * ({@link AsynchronouslyFormattable}).
 */
@AsynchronouslyFormattable
final class HeldMessage implements Message {
    /** Where the last held message was formatted: null while it is not yet, else whether on another thread. */
    private static final AtomicReference<Boolean> FORMATTED_ELSEWHERE = new AtomicReference<>();

    private final String text;
    private final CountDownLatch gate;
    private final Thread logger = Thread.currentThread();

    HeldMessage(String text, CountDownLatch gate) {
        this.text = text;
        this.gate = gate;
        if (gate != null) {
            FORMATTED_ELSEWHERE.set(null);
        }
    }

    /** Waits (at most 10 s) until the held message has been formatted; true when that was on another thread. */
    static boolean heldMessageFormattedElsewhere() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (FORMATTED_ELSEWHERE.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return Boolean.TRUE.equals(FORMATTED_ELSEWHERE.get());
    }

    @Override
    public String getFormattedMessage() {
        if (gate != null) {
            boolean elsewhere = Thread.currentThread() != logger;
            if (elsewhere) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            FORMATTED_ELSEWHERE.compareAndSet(null, elsewhere);
        }
        return text;
    }

    @Override
    public String getFormat() {
        return text;
    }

    @Override
    public Object[] getParameters() {
        return null;
    }

    @Override
    public Throwable getThrowable() {
        return null;
    }
}
