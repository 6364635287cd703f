package dev.fnlens.local.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * EventBridge schedules: at every firing, hands a scheduled event ({@code ScheduledEvent}) to the target as an
 * asynchronous invocation, as EventBridge does.
 */
public final class Scheduler implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fnlens-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final String region;

    public Scheduler(String region) {
        this.region = region;
    }

    public void add(String ruleName, ScheduleExpression expression, Consumer<byte[]> target) {
        scheduleNext(ruleName, expression, Instant.now(), target);
    }

    private void scheduleNext(String ruleName, ScheduleExpression expression, Instant after, Consumer<byte[]> target) {
        Instant next = expression.nextAfter(after);
        if (next.equals(Instant.MAX) || timer.isShutdown()) {
            return;
        }
        long delay = Math.max(0, next.toEpochMilli() - System.currentTimeMillis());
        timer.schedule(() -> {
            scheduleNext(ruleName, expression, next, target);
            target.accept(event(ruleName, next));
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** The event EventBridge sends for a scheduled rule. */
    byte[] event(String ruleName, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", time.toString());
        event.put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":000000000000:rule/" + ruleName);
        event.putObject("detail");
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
