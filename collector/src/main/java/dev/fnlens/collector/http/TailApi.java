package dev.fnlens.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.background.Guarded;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.search.EventSearch;
import dev.fnlens.collector.search.InvalidQueryException;
import dev.fnlens.collector.search.SearchRequest;
import dev.fnlens.collector.search.SearchResult;
import io.javalin.config.JavalinConfig;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/tail} (server-sent events): the events that arrive after the client
 * connected and match {@code q} (the {@code /api/search} syntax) and {@code logGroup}.
 *
 * <p>Each client is polled every {@value #POLL_MILLIS} ms for events whose
 * {@code @ingestionTime} falls in a trailing window (and whose {@code @timestamp} is at most
 * an hour older than that); those not sent yet go out as one
 * {@code events} message {@code {"events": [...oldest first], "skipped": n}}. The window
 * reaches back further than the slowest recent path from ingest to searchable (so an event
 * indexed late is still found), and a multiset of what was already sent stops repeats.
 * Other messages: {@code ready} once connected, {@code problem} {@code {"message"}} for a
 * bad filter (then the stream ends), and a comment every 15 s to keep proxies open.
 */
public final class TailApi {
    private static final Logger LOG = LoggerFactory.getLogger(TailApi.class);
    static final long POLL_MILLIS = 250;
    static final int MAX_PER_POLL = SearchRequest.MAX_LIMIT;
    private static final long MIN_WINDOW_MILLIS = 2_000;
    private static final long MAX_WINDOW_MILLIS = 15_000;
    /**
     * Only events stamped at most this long before they arrive are tailed: the index is sorted
     * by time, so this bounds what each poll reads (ingestion time has doc values only).
     */
    private static final long PAST_MILLIS = Duration.ofHours(1).toMillis();
    /** Ingest accepts events stamped up to 2 hours ahead. */
    private static final long FUTURE_MILLIS = Duration.ofHours(3).toMillis();
    private static final long HEARTBEAT_MILLIS = 15_000;
    /** Each open tail polls the index four times a second: a bound keeps that affordable. */
    static final int MAX_CLIENTS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSearch search;
    private final AtomicInteger clients = new AtomicInteger();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fnlens-tail");
        t.setDaemon(true);
        return t;
    });

    public TailApi(EventSearch search) {
        this.search = search;
    }

    void register(JavalinConfig config) {
        config.routes.sse("/api/tail", this::open);
        config.events.serverStopping(poller::shutdownNow);
    }

    private void open(SseClient client) {
        String q = client.ctx().queryParam("q");
        List<String> groups = client.ctx().queryParams("logGroup").stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
        client.keepAlive();
        if (clients.incrementAndGet() > MAX_CLIENTS) {
            clients.decrementAndGet();
            refuse(client, "too many live tails are open (" + MAX_CLIENTS + "): close one and try again");
            return;
        }
        Tail tail = new Tail(client, q == null ? "" : q.strip(), groups, System.currentTimeMillis());
        try {
            tail.validate();
        } catch (InvalidQueryException e) {
            clients.decrementAndGet();
            refuse(client, e.getMessage());
            return;
        } catch (IOException e) {
            clients.decrementAndGet();
            LOG.warn("live tail cannot start: {}", e.toString());
            refuse(client, "the collector cannot search now, see its log");
            return;
        }
        send(client, "ready", Map.of("since", tail.since));
        ScheduledFuture<?> task = poller.scheduleWithFixedDelay(Guarded.task(LOG, "a live tail", tail::poll), POLL_MILLIS,
                POLL_MILLIS, TimeUnit.MILLISECONDS);
        client.onClose(() -> {
            task.cancel(false);
            clients.decrementAndGet();
        });
    }

    private static void refuse(SseClient client, String message) {
        send(client, "problem", Map.of("message", message));
        client.close();
    }

    private static void send(SseClient client, String event, Map<String, ?> data) {
        try {
            sendJson(client, event, JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event JSON always serializes", e);
        }
    }

    /** @param json the event's data, written as JSON already */
    private static void sendJson(SseClient client, String event, String json) {
        if (!client.terminated()) {
            client.sendEvent(event, json);
        }
    }

    /** What identifies an event for de-duplication: everything it is made of. */
    private record Key(long ingestionTime, long timestamp, String log, String logStream, String message) {
        static Key of(LogEvent e) {
            return new Key(e.ingestionTime(), e.timestamp(), e.log(), e.logStream(), e.message());
        }
    }

    private final class Tail {
        private final SseClient client;
        private final String q;
        private final List<String> groups;
        private final long since;
        /** How often each event still inside the window was sent already. */
        private final Map<Key, Integer> sent = new HashMap<>();
        private long windowMillis = MIN_WINDOW_MILLIS;
        private long lastHeartbeat = System.currentTimeMillis();

        Tail(SseClient client, String q, List<String> groups, long since) {
            this.client = client;
            this.q = q;
            this.groups = groups;
            this.since = since;
        }

        /** Runs the filter once over a moment, so a bad one is reported in its own words. */
        void validate() throws InvalidQueryException, IOException {
            search.search(new SearchRequest(q, since, since, groups, 1));
        }

        private SearchRequest request(long now, int limit) {
            long from = Math.max(since, now - windowMillis);
            String window = "@ingestionTime:[" + from + " TO *]";
            String query = q.isEmpty() ? window : "(" + q + ") AND " + window;
            return new SearchRequest(query, from - PAST_MILLIS, now + FUTURE_MILLIS, groups, limit);
        }

        void poll() {
            try {
                if (client.terminated()) {
                    return;
                }
                long now = System.currentTimeMillis();
                SearchResult result = search.search(request(now, MAX_PER_POLL));
                Map<Key, Integer> seen = new HashMap<>();
                List<LogEvent> fresh = new ArrayList<>();
                long slowest = 0;
                for (LogEvent e : result.events()) {
                    Key key = Key.of(e);
                    int n = seen.merge(key, 1, Integer::sum);
                    if (n > sent.getOrDefault(key, 0)) {
                        fresh.add(e);
                        slowest = Math.max(slowest, now - e.ingestionTime());
                    }
                }
                seen.forEach((key, n) -> sent.merge(key, n, Math::max));
                long skipped = Math.max(0, result.recordsMatched() - result.events().size());
                adaptWindow(slowest);
                // kept as long as the widest window can reach back, so a widened window repeats nothing
                sent.keySet().removeIf(k -> k.ingestionTime() < now - MAX_WINDOW_MILLIS - POLL_MILLIS);
                if (!fresh.isEmpty() || skipped > 0) {
                    fresh.sort(Comparator.comparingLong(LogEvent::ingestionTime).thenComparingLong(LogEvent::timestamp));
                    sendJson(client, "events", AnswerJson.tail(fresh, skipped));
                    lastHeartbeat = now;
                } else if (now - lastHeartbeat >= HEARTBEAT_MILLIS) {
                    client.sendComment("keep-alive");
                    lastHeartbeat = now;
                }
            } catch (InvalidQueryException | IOException | RuntimeException e) {
                LOG.warn("live tail poll failed: {}", e.toString());
            }
        }

        /** The window reaches back twice the longest ingest-to-searchable delay seen lately. */
        private void adaptWindow(long slowestNewMillis) {
            long wanted = Math.max(MIN_WINDOW_MILLIS, 2 * slowestNewMillis + POLL_MILLIS);
            windowMillis = wanted > windowMillis ? Math.min(MAX_WINDOW_MILLIS, wanted)
                    : Math.max(wanted, windowMillis - POLL_MILLIS); // shrink slowly
        }
    }
}
