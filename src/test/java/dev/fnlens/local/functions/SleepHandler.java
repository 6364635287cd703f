package dev.fnlens.local.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Sleeps {@code {"ms": n}} and answers with its process id, so tests can tell environments apart. */
public class SleepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        long ms = event.get("ms") instanceof Number n ? n.longValue() : 0;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of("pid", ProcessHandle.current().pid(), "slept", ms);
    }
}
