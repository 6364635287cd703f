package dev.fnlens.agent.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A function that logs with Log4j 2 as its environment configures it (an AsyncAppender, async loggers, a direct
 * console). Apart from {@link LoggingHandlers}: verifying this class needs Log4j, which only some functions bundle.
 */
public class Log4jHandlers {
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();
    private static final CountDownLatch SECOND_INVOCATION = new CountDownLatch(1);

    /**
     * An INFO and a WARN event that name the invocation's request id. When an appender prints on a background
     * thread (AsyncAppender, async loggers), the first invocation's events are printed only after the second
     * invocation has started ({@link HeldMessage}); the second invocation answers where that happened.
     */
    public String namingTheRequest(Map<String, Object> event, Context context) throws InterruptedException {
        int invocation = INVOCATIONS.incrementAndGet();
        if (invocation == 2) {
            SECOND_INVOCATION.countDown();
        }
        Logger logger = LogManager.getLogger("orders");
        String id = context.getAwsRequestId();
        logger.info(new HeldMessage("log4j info line of " + id, invocation == 1 ? SECOND_INVOCATION : null));
        logger.warn("log4j warning line of {}", id);
        if (invocation == 2) {
            return HeldMessage.heldMessageFormattedElsewhere() ? "first printed by another thread, during the second"
                    : "first printed by its own thread";
        }
        return "ok";
    }
}
