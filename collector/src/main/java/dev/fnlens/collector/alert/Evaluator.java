package dev.fnlens.collector.alert;

import dev.fnlens.collector.alert.eval.AlertLabels;
import dev.fnlens.collector.alert.eval.AlertState;
import dev.fnlens.collector.alert.eval.ResultRows;
import dev.fnlens.collector.alert.eval.RuleState;
import dev.fnlens.collector.alert.eval.Transition;
import dev.fnlens.collector.alert.notify.Alert;
import dev.fnlens.collector.alert.notify.NotificationGroups;
import dev.fnlens.collector.alert.persist.HistoryLog;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.background.Guarded;
import dev.fnlens.collector.query.QueryMemoryException;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each rule on its schedule: the query over the window, the rule's state machine, the history, and the
 * alerts handed to the notification groups. One thread by default ({@code alerts.evaluation_threads}).
 */
final class Evaluator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final Function<String, AlertRule> rules;
    private final AlertQueries queries;
    private final AlertMetrics metrics;
    private final HistoryLog history;
    private final NotificationGroups groups;
    private final Supplier<String> externalUrl;
    private final Clock clock;
    private final Runnable changed;
    private final BooleanSupplier active;
    private final Map<String, RuleState> states = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor pool;
    private final SharedAnswers shared = new SharedAnswers();
    private volatile boolean closed;

    /**
     * @param rules   the current rule of a name, or null once deleted
     * @param changed called when states changed (to save them)
     */
    Evaluator(Function<String, AlertRule> rules, AlertQueries queries, AlertMetrics metrics, HistoryLog history,
              NotificationGroups groups, Supplier<String> externalUrl, Clock clock, int threads, Runnable changed,
              BooleanSupplier active) {
        this.active = active;
        this.rules = rules;
        this.queries = queries;
        this.metrics = metrics;
        this.history = history;
        this.groups = groups;
        this.externalUrl = externalUrl;
        this.clock = clock;
        this.changed = changed;
        this.pool = Alerting.daemonPool(threads, "fnlens-alert-eval");
    }

    /**
     * (Re)starts a rule's schedule; the first evaluation comes within its interval (at most 10 s), at an offset
     * that spreads rules over the interval but is the same for rules that can share an answer.
     */
    void schedule(AlertRule rule) {
        if (closed) {
            return;
        }
        long every = rule.every().toMillis();
        long first = SharedAnswers.offsetMillis(rule);
        ScheduledFuture<?> old = schedules.put(rule.name(), pool.scheduleAtFixedRate(
                Guarded.task(LOG, "evaluating rule " + rule.name(), () -> evaluate(rule.name())),
                first, every, TimeUnit.MILLISECONDS));
        if (old != null) {
            old.cancel(false);
        }
    }

    /** Stops a deleted rule: its firing alerts resolve (and are notified as resolved). */
    void deleted(AlertRule rule) {
        ScheduledFuture<?> f = schedules.remove(rule.name());
        if (f != null) {
            f.cancel(false);
        }
        RuleState s = states.remove(rule.name());
        if (s != null) {
            long now = clock.millis();
            record(rule, s.clear(now, "rule deleted"), null, now);
        }
    }

    /** Evaluates one rule now. */
    void evaluate(String name) {
        AlertRule rule = rules.apply(name);
        if (rule == null || closed || !active.getAsBoolean()) {
            return; // another collector holds the alert lease and evaluates
        }
        RuleState state = state(name);
        long now = clock.millis();
        long t0 = System.nanoTime();
        QueryResult r = null;
        String error;
        try {
            r = shared.answer(rule, now,
                    () -> queries.run(rule.query(), now - rule.window().toMillis(), now, queryTimeout(rule)));
            error = r.status() == QueryStatus.Complete ? null : "query " + r.status().name().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            LOG.warn("rule {} could not be evaluated: {}", name, e.toString());
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        } catch (QueryMemoryException e) {
            LOG.warn("rule {} could not be evaluated: {}", name, e.getMessage());
            error = e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("rule {} could not be evaluated", name, e); // a bug
            error = "internal error, see the collector log";
        }
        if (rules.apply(name) != rule || states.get(name) != state) {
            return; // changed or deleted meanwhile: the new rule's own evaluation counts
        }
        RuleState.Outcome out = error != null ? state.applyError(error, now)
                : state.applyData(rule, ResultRows.observations(rule, r), now);
        metrics.evaluated(error != null ? "error" : state.lastValue() == null ? "no_data" : "ok",
                Duration.ofNanos(System.nanoTime() - t0));
        record(rule, out, state, now);
    }

    private void record(AlertRule rule, RuleState.Outcome out, RuleState state, long now) {
        try {
            history.append(out.transitions());
        } catch (IOException e) {
            LOG.error("cannot write alert history", e);
        }
        for (Transition t : out.transitions()) {
            if (t.to() == AlertState.FIRING || t.from() == AlertState.FIRING) {
                LOG.info("alert {} {}: {} -> {} ({})", t.rule(), t.group(), t.from(), t.to(), t.reason());
            }
        }
        List<Alert> alerts = new ArrayList<>();
        if (state != null) {
            state.firing().forEach(a -> alerts.add(AlertLabels.alert(rule, a, 0, now, externalUrl.get())));
        }
        out.resolved().forEach(a -> alerts.add(AlertLabels.alert(rule, a, now, now, externalUrl.get())));
        groups.update(rule, alerts, now);
        changed.run();
    }

    static Duration queryTimeout(AlertRule rule) {
        return Duration.ofMillis(Math.max(5_000, Math.min(60_000, rule.every().toMillis())));
    }

    RuleState state(String name) {
        return states.computeIfAbsent(name, RuleState::new);
    }

    Map<String, RuleState> states() {
        return states;
    }

    /** Lets a running evaluation finish (up to 5 s, then interrupts it) and stops. */
    @Override
    public void close() {
        closed = true;
        pool.shutdown(); // no interrupt while a thread may be writing a file
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
