package dev.fnlens.collector.alert.outbox;

import dev.fnlens.collector.alert.AlertMetrics;
import dev.fnlens.collector.alert.notify.Destination;
import dev.fnlens.collector.background.Guarded;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. Each destination is a lane that delivers in order, one notification at a time, so a
 * receiver sees a group's firing before its resolved notification. A failed attempt is retried after an
 * exponential backoff with jitter (or the receiver's {@code Retry-After}), with the same {@code webhook-id};
 * given up on other 4xx answers, refused addresses, or after {@code max_age}; a 410 also disables the
 * destination.
 */
public final class Delivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    static final int LOG_SIZE = 50;
    /** How long a lane waits after an attempt failed by an exception rather than by the receiver's answer. */
    static final long ERROR_PAUSE_MILLIS = 1_000;

    private final Outbox outbox;
    private final Function<String, Destination> destinations;
    private final WebhookSender sender;
    private final DeliveryOptions options;
    private final AlertMetrics metrics;
    private final Consumer<String> disable;
    private final Clock clock;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Deque<Attempt>> log = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor executor;

    /** One attempt, as the delivery log shows it. */
    public record Attempt(long time, String webhookId, String rule, int attempt, String outcome, int status,
                          String detail) {
    }

    /**
     * @param disable called with a destination's name when its receiver answers 410 Gone
     */
    public Delivery(Outbox outbox, Function<String, Destination> destinations, WebhookSender sender,
                    DeliveryOptions options, AlertMetrics metrics, Consumer<String> disable, Clock clock) {
        this.outbox = outbox;
        this.destinations = destinations;
        this.sender = sender;
        this.options = options;
        this.metrics = metrics;
        this.disable = disable;
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "fnlens-alert-delivery");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Starts delivering what the outbox holds from before. */
    public void start() throws IOException {
        for (OutboxEntry e : outbox.pending()) {
            lane(e.destination()).queue.addLast(e);
        }
        lanes.values().forEach(this::kick);
    }

    /** Delivers a notification just added to the outbox. */
    public void submit(OutboxEntry e) {
        Lane lane = lane(e.destination());
        synchronized (lane) {
            lane.queue.addLast(e);
        }
        kick(lane);
    }

    /** The last attempts for a destination, newest first. */
    public List<Attempt> attempts(String destination) {
        Deque<Attempt> d = log.get(destination);
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return new ArrayList<>(d);
        }
    }

    /** Notifications waiting for a destination. */
    public int waiting(String destination) {
        Lane lane = lanes.get(destination);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.queue.size();
        }
    }

    private Lane lane(String destination) {
        return lanes.computeIfAbsent(destination, Lane::new);
    }

    private void kick(Lane lane) {
        if (executor.isShutdown()) {
            return;
        }
        synchronized (lane) {
            if (lane.busy || lane.queue.isEmpty()) {
                return;
            }
            OutboxEntry head = lane.queue.peekFirst();
            long delay = head.nextAttemptAt() - clock.millis();
            if (lane.timer != null) {
                lane.timer.cancel(false);
                lane.timer = null;
            }
            if (delay > 0) {
                lane.timer = executor.schedule(() -> kick(lane), delay, TimeUnit.MILLISECONDS);
                return;
            }
            lane.busy = true;
            executor.execute(() -> {
                boolean failed = true;
                try {
                    attempt(lane, head);
                    failed = false;
                } catch (Throwable t) { // out of memory too: the notification stays in the outbox
                    Guarded.log(LOG, "delivering notification " + head.id() + " to " + lane.destination
                            + "; trying again in " + ERROR_PAUSE_MILLIS + " ms", t);
                } finally {
                    synchronized (lane) {
                        lane.busy = false;
                    }
                    again(lane, failed ? ERROR_PAUSE_MILLIS : 0);
                }
            });
        }
    }

    /**
     * The lane's next attempt: at once, or after a pause when this one failed by an exception (a full disk, say),
     * which would fail again at once, each time logged.
     */
    private void again(Lane lane, long pauseMillis) {
        if (pauseMillis == 0) {
            kick(lane);
            return;
        }
        try {
            synchronized (lane) {
                lane.timer = executor.schedule(() -> kick(lane), pauseMillis, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void attempt(Lane lane, OutboxEntry e) throws IOException {
        Destination d = destinations.apply(e.destination());
        long now = clock.millis();
        if (d == null || d.disabled()) {
            String why = d == null ? "deleted" : "disabled";
            record(e, "failed", new WebhookSender.Result(WebhookSender.Outcome.FAILED, 0, null, "destination " + why));
            giveUp(lane, e, why, "destination " + why);
            return;
        }
        WebhookSender.Result r = sender.send(d, e.id(), e.contentType(), e.body(), now);
        switch (r.outcome()) {
            case DELIVERED -> {
                done(lane, e);
                metrics.sent(e.destination());
                record(e, "delivered", r);
            }
            case RETRY -> {
                long next = clock.millis() + backoff(e.attempts() + 1, r.retryAfter()).toMillis();
                if (next > e.createdAt() + options.maxAge().toMillis()) {
                    record(e, "failed", r);
                    giveUp(lane, e, "expired", "not delivered within " + options.maxAge() + ", last: " + r.detail());
                    return;
                }
                OutboxEntry retry = e.retryAt(next, r.detail());
                outbox.update(retry);
                synchronized (lane) {
                    lane.queue.pollFirst();
                    lane.queue.addFirst(retry);
                }
                metrics.retried(e.destination());
                record(e, "retry", r);
            }
            case FAILED -> {
                record(e, "failed", r);
                giveUp(lane, e, r.status() > 0 ? "http_4xx" : "refused", r.detail());
            }
            case GONE -> {
                record(e, "failed", r);
                LOG.warn("destination {} answered 410 Gone: disabled until it is saved again", e.destination());
                disable.accept(e.destination());
                giveUp(lane, e, "gone", r.detail());
                List<OutboxEntry> rest;
                synchronized (lane) {
                    rest = new ArrayList<>(lane.queue);
                }
                for (OutboxEntry other : rest) {
                    String why = "destination disabled (410 Gone)";
                    record(other, "failed", new WebhookSender.Result(WebhookSender.Outcome.FAILED, 0, null, why));
                    giveUp(lane, other, "disabled", why);
                }
            }
        }
    }

    /** Exponential from {@code initial_backoff}, capped at {@code max_backoff}, with "equal jitter" (half to all). */
    Duration backoff(int attempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(DeliveryOptions.MAX_RETRY_AFTER) > 0 ? DeliveryOptions.MAX_RETRY_AFTER : retryAfter;
        }
        double base = options.initialBackoff().toMillis() * Math.pow(2, Math.min(30, attempts - 1));
        base = Math.min(base, options.maxBackoff().toMillis());
        return Duration.ofMillis((long) (base / 2 + ThreadLocalRandom.current().nextDouble() * base / 2));
    }

    private void done(Lane lane, OutboxEntry e) throws IOException {
        outbox.remove(e);
        synchronized (lane) {
            lane.queue.removeIf(q -> q.seq() == e.seq());
        }
    }

    private void giveUp(Lane lane, OutboxEntry e, String reason, String detail) throws IOException {
        LOG.warn("notification {} of rule {} to {} given up after {} attempt(s): {}", e.id(), e.rule(),
                e.destination(), e.attempts() + 1, detail);
        done(lane, e);
        metrics.failed(e.destination(), reason);
    }

    /**
     * Logs a test notification sent outside the outbox, so the delivery log shows it beside the others (a
     * test is sent once: what would be retried counts as failed).
     */
    public void recordTest(String destination, String webhookId, String rule, WebhookSender.Result r) {
        record(destination, new Attempt(clock.millis(), webhookId, rule, 1,
                r.outcome() == WebhookSender.Outcome.DELIVERED ? "delivered" : "failed", r.status(), r.detail()));
    }

    private void record(OutboxEntry e, String outcome, WebhookSender.Result r) {
        record(e.destination(), new Attempt(clock.millis(), e.id(), e.rule(), e.attempts() + 1, outcome, r.status(),
                r.detail()));
    }

    private void record(String destination, Attempt attempt) {
        Deque<Attempt> d = log.computeIfAbsent(destination, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addFirst(attempt);
            while (d.size() > LOG_SIZE) {
                d.removeLast();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Lane {
        final String destination;
        final Deque<OutboxEntry> queue = new ArrayDeque<>();
        boolean busy;
        ScheduledFuture<?> timer;

        Lane(String destination) {
            this.destination = destination;
        }
    }
}
