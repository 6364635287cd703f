package dev.fnlens.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The extensions registered in one execution environment (Lambda's Extensions API), and the rule that
 * makes them useful: an environment takes its next invocation only once every extension has asked for its
 * next event, so an extension can do its work (e.g. export telemetry) after the response has gone.
 */
final class Extensions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Extension {
        final String name;
        final boolean wantsInvoke;
        final Deque<byte[]> events = new ArrayDeque<>();
        boolean waiting;

        Extension(String name, boolean wantsInvoke) {
            this.name = name;
            this.wantsInvoke = wantsInvoke;
        }
    }

    private final Map<String, Extension> registered = new LinkedHashMap<>();
    private boolean closed;

    synchronized String register(String name, List<String> events) {
        String id = UUID.randomUUID().toString();
        registered.put(id, new Extension(name, events.contains("INVOKE")));
        return id;
    }

    synchronized boolean isRegistered(String id) {
        return registered.containsKey(id);
    }

    /** Blocks until the extension's next event; null when the environment is shutting down. */
    synchronized byte[] next(String id) throws InterruptedException {
        Extension extension = registered.get(id);
        extension.waiting = true;
        notifyAll();
        while (extension.events.isEmpty() && !closed) {
            wait();
        }
        extension.waiting = false;
        return extension.events.poll();
    }

    /** Waits until every extension is idle in {@code next}; false if that did not happen by the deadline. */
    synchronized boolean awaitIdle(long deadlineEpochMs) throws InterruptedException {
        while (!allIdle() && !closed) {
            long left = deadlineEpochMs - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized void dispatchInvoke(String requestId, long deadlineEpochMs, String functionArn, String traceId) {
        ObjectNode event = JSON.createObjectNode()
                .put("eventType", "INVOKE")
                .put("deadlineMs", deadlineEpochMs)
                .put("requestId", requestId)
                .put("invokedFunctionArn", functionArn);
        event.putObject("tracing").put("type", "X-Amzn-Trace-Id").put("value", traceId);
        byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        registered.values().stream().filter(e -> e.wantsInvoke).forEach(e -> e.events.add(bytes));
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean allIdle() {
        return registered.values().stream().allMatch(e -> e.waiting && e.events.isEmpty());
    }
}
