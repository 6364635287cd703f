package dev.fnlens.agent.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/** A function that fails, and one that sleeps as long as it is told (past its timeout, if need be). */
public class OutcomeHandlers {
    public String fail(Map<String, Object> event, Context context) {
        throw new IllegalStateException("order " + event.get("orderId") + " cannot be paid");
    }

    public String sleep(Map<String, Object> event, Context context) throws InterruptedException {
        long ms = event.get("ms") instanceof Number n ? n.longValue() : 0;
        System.out.println("sleeping " + ms + " ms");
        Thread.sleep(ms);
        return "slept " + ms;
    }
}
