package dev.fnlens.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fnlens.collector.alert.eval.AlertInstance;
import dev.fnlens.collector.alert.eval.AlertLabels;
import dev.fnlens.collector.alert.eval.AlertState;
import dev.fnlens.collector.alert.eval.RuleState;
import dev.fnlens.collector.alert.eval.Transition;
import dev.fnlens.collector.alert.notify.Alert;
import dev.fnlens.collector.alert.notify.Destination;
import dev.fnlens.collector.alert.notify.DestinationJson;
import dev.fnlens.collector.alert.notify.Notification;
import dev.fnlens.collector.alert.notify.NotificationGroups;
import dev.fnlens.collector.alert.notify.Payloads;
import dev.fnlens.collector.alert.outbox.Delivery;
import dev.fnlens.collector.alert.outbox.Outbox;
import dev.fnlens.collector.alert.outbox.OutboxEntry;
import dev.fnlens.collector.alert.outbox.WebhookSender;
import dev.fnlens.collector.alert.persist.HistoryLog;
import dev.fnlens.collector.alert.persist.JsonFile;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.RuleJson;
import dev.fnlens.collector.background.Guarded;
import dev.fnlens.query.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting in one place: evaluates every rule on its schedule, moves its alerts through their states, keeps
 * the history, groups notifications per destination and hands them to the outbox for delivery. State lives
 * under {@code <data>/alerts/} and survives restarts: rules and destinations made through the API, alert
 * states and notification groups ({@code state.json}), history ({@code history.jsonl}), and the outbox.
 */
public final class Alerting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);
    static final Duration TICK = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final Definitions defs;
    private final AlertsConfig config;
    private final AlertQueries queries;
    private final AlertMetrics metrics;
    private final Supplier<String> externalUrl;
    private final Clock clock;
    private final HistoryLog history;
    private final NotificationGroups groups;
    private final Outbox outbox;
    private final WebhookSender sender;
    private final Delivery delivery;
    private final JsonFile stateFile;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Evaluator evaluations;
    private final ScheduledThreadPoolExecutor ticker;
    private final AlertLease lease;
    /** Rules are evaluated and notifications sent: the lease is held and its state taken over. */
    private volatile boolean active;

    /** What {@code state.json} holds. */
    record SavedState(Map<String, RuleState.Saved> rules, List<NotificationGroups.Group> groups) {
    }

    private Alerting(Path dir, AlertsConfig config, AlertQueries queries, AlertMetrics metrics,
                     Supplier<String> externalUrl, Clock clock, AlertLease lease) throws IOException {
        Files.createDirectories(dir);
        this.config = config;
        this.queries = queries;
        this.metrics = metrics;
        this.externalUrl = () -> config.externalUrl() != null ? config.externalUrl() : externalUrl.get();
        this.clock = clock;
        this.defs = new Definitions(dir, config);
        this.history = HistoryLog.open(dir.resolve("history.jsonl"), config.historySize());
        this.groups = new NotificationGroups(defs::destination, this.externalUrl);
        this.outbox = Outbox.open(dir.resolve("outbox"));
        this.sender = new WebhookSender(config.delivery().timeout());
        this.delivery = new Delivery(outbox, defs::destination, sender, config.delivery(), metrics, this::disable,
                clock);
        this.stateFile = new JsonFile(dir.resolve("state.json"));
        this.lease = lease;
        this.evaluations = new Evaluator(defs::rule, queries, metrics, history, groups, this.externalUrl, clock,
                config.evaluationThreads(), () -> dirty.set(true), () -> active);
        this.ticker = daemonPool(1, "fnlens-alert-notify");
        restore();
    }

    /**
     * Opens alerting's state under {@code dir}; nothing runs until {@link #start}.
     *
     * @param externalUrl the UI's address for links in notifications, used unless the config sets one
     */
    public static Alerting open(Path dir, AlertsConfig config, AlertQueries queries, AlertMetrics metrics,
                                Supplier<String> externalUrl, Clock clock) throws IOException {
        return open(dir, config, queries, metrics, externalUrl, clock, AlertLease.ALWAYS);
    }

    /** @param lease rules are evaluated only while it is held (collectors sharing OpenSearch take turns) */
    public static Alerting open(Path dir, AlertsConfig config, AlertQueries queries, AlertMetrics metrics,
                                Supplier<String> externalUrl, Clock clock, AlertLease lease) throws IOException {
        Alerting a = new Alerting(dir, config, queries, metrics, externalUrl, clock, lease);
        metrics.register(a);
        return a;
    }

    /** Starts evaluating rules and delivering notifications (also those left from before a restart). */
    public void start() throws IOException {
        active = lease == AlertLease.ALWAYS; // else from the first tick that finds the lease held
        delivery.start();
        defs.rules().forEach(r -> evaluations.schedule(r.value()));
        ticker.scheduleWithFixedDelay(Guarded.task(LOG, "the alert notification tick", this::tick), TICK.toMillis(),
                TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    // --- rules ---

    /** A rule with its live state, as the API shows it. */
    public record RuleStatus(AlertRule rule, boolean fromConfig, AlertState state, long lastEvaluation,
                             Double lastValue, String lastError, List<AlertInstance.Snapshot> alerts,
                             List<double[]> recentValues) {
    }

    public List<RuleStatus> rules() {
        return defs.rules().stream().map(d -> status(d.value(), d.source())).toList();
    }

    public RuleStatus rule(String name) {
        AlertRule r = defs.rule(name);
        if (r == null) {
            throw new AlertsException(AlertsException.Kind.NOT_FOUND, "no rule named '" + name + "'");
        }
        return status(r, defs.ruleSource(name));
    }

    private RuleStatus status(AlertRule r, Definitions.Source source) {
        RuleState s = state(r.name());
        return new RuleStatus(r, source == Definitions.Source.CONFIG, s.state(), s.lastEvaluation(), s.lastValue(),
                s.lastError(), s.alerts(), s.recentValues());
    }

    /** Creates a rule from its JSON shape; {@code InvalidRuleException} says what is wrong. */
    public AlertRule createRule(JsonNode json) throws IOException {
        AlertRule rule = RuleJson.parse(json);
        defs.putRule(rule, true);
        evaluations.schedule(rule);
        return rule;
    }

    /** Replaces a rule; its alerts keep their states (a group that no longer matches resolves). */
    public AlertRule updateRule(String name, JsonNode json) throws IOException {
        AlertRule rule = RuleJson.parse(json);
        if (!rule.name().equals(name)) {
            throw new AlertsException(AlertsException.Kind.CONFLICT, "the body names rule '" + rule.name()
                    + "', the URL '" + name + "'; rename by deleting and creating");
        }
        AlertRule old = defs.putRule(rule, false);
        old.destinations().stream().filter(d -> !rule.destinations().contains(d))
                .forEach(d -> groups.forget(d, name));
        evaluations.schedule(rule);
        return rule;
    }

    /** Deletes a rule; its firing alerts are resolved and notified as such. */
    public void deleteRule(String name) throws IOException {
        evaluations.deleted(defs.removeRule(name));
    }

    // --- destinations ---

    /** A destination with its delivery state, as the API shows it. */
    public record DestinationStatus(Destination destination, boolean fromConfig, int waiting,
                                    List<Delivery.Attempt> attempts) {
    }

    public List<DestinationStatus> destinations() {
        return defs.destinations().stream().map(d -> new DestinationStatus(d.value(),
                d.source() == Definitions.Source.CONFIG, delivery.waiting(d.value().name()),
                delivery.attempts(d.value().name()))).toList();
    }

    public DestinationStatus destination(String name) {
        return destinations().stream().filter(d -> d.destination().name().equals(name)).findFirst()
                .orElseThrow(() -> new AlertsException(AlertsException.Kind.NOT_FOUND,
                        "no destination named '" + name + "'"));
    }

    public Destination createDestination(JsonNode json) throws IOException {
        Destination d = DestinationJson.parse(json);
        defs.putDestination(d, true);
        return d;
    }

    /**
     * Replaces a destination; saving it again also re-enables one that a 410 disabled. Without a {@code secret}
     * key the current secret is kept ({@code "secret": null} removes it).
     */
    public Destination updateDestination(String name, JsonNode json) throws IOException {
        Destination current = defs.destination(name);
        if (json.isObject() && !json.has("secret") && current != null && current.secret() != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("secret", current.secret());
        }
        Destination d = DestinationJson.parse(json);
        if (!d.name().equals(name)) {
            throw new AlertsException(AlertsException.Kind.CONFLICT, "the body names destination '" + d.name()
                    + "', the URL '" + name + "'");
        }
        defs.putDestination(d, false);
        return d;
    }

    public void deleteDestination(String name) throws IOException {
        defs.removeDestination(name);
        groups.forget(name, null);
    }

    /**
     * Sends one test notification now, once, without the outbox; returns what the receiver answered, which the
     * destination's delivery log also shows.
     */
    public WebhookSender.Result testDestination(String name) {
        Destination d = destination(name).destination();
        long now = clock.millis();
        Map<String, String> labels = Map.of("alertname", "fnlens-test", "severity", "info");
        Alert alert = new Alert(Alert.fingerprint(labels), labels,
                Map.of("summary", "Test notification from fnlens to " + d.name()), now, 0, externalUrl.get());
        Payloads.Body body = Payloads.render(d, new Notification(d.name(), "fnlens-test", List.of(alert), 0,
                externalUrl.get()));
        String id = "msg_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        WebhookSender.Result r = sender.send(d, id, body.contentType(), body.text(), now);
        delivery.recordTest(d.name(), id, "fnlens-test", r);
        return r;
    }

    private void disable(String destination) {
        try {
            defs.disable(destination);
        } catch (IOException e) {
            LOG.error("cannot persist that destination {} is disabled", destination, e);
        }
    }

    // --- history and firing alerts ---

    public List<Transition> history(String rule, int limit) {
        return history.recent(rule, limit);
    }

    /** The firing alerts of every rule, as they are notified. */
    public List<Alert> firing() {
        List<Alert> alerts = new ArrayList<>();
        long now = clock.millis();
        for (Definitions.Defined<AlertRule> d : defs.rules()) {
            for (AlertInstance.Snapshot s : state(d.value().name()).firing()) {
                alerts.add(AlertLabels.alert(d.value(), s, 0, now, externalUrl.get()));
            }
        }
        return alerts;
    }

    /** Runs a rule's query once over its window without saving anything (the editor's preview). */
    public QueryResult preview(AlertRule rule) throws IOException {
        long now = clock.millis();
        return queries.run(rule.query(), now - rule.window().toMillis(), now, Evaluator.queryTimeout(rule));
    }

    private void tick() {
        try {
            boolean held = lease.held();
            if (held && !active) {
                takeOver();
                active = true;
            } else if (!held && active) {
                active = false;
                LOG.info("alert rules: another collector evaluates them now");
            }
            if (!active) {
                return;
            }
            long now = clock.millis();
            if (groups.tick(now, this::enqueue)) {
                dirty.set(true);
            }
            if (dirty.getAndSet(false)) {
                save();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("alert notification tick failed", e);
        }
    }

    private void enqueue(Destination d, Notification n) throws IOException {
        Payloads.Body body = Payloads.render(d, n);
        OutboxEntry e = outbox.add(d.name(), n.rule(), body.contentType(), body.text(), clock.millis());
        delivery.submit(e);
    }

    private RuleState state(String name) {
        return evaluations.state(name);
    }

    // --- persistence ---

    /** Goes on from the state the last lease holder handed over (its firing alerts, its notification timers). */
    private void takeOver() {
        try {
            JsonNode shared = lease.handedOver();
            if (shared != null) {
                restore(JSON.treeToValue(shared, SavedState.class));
            }
            LOG.info("alert rules: this collector evaluates them now{}", shared == null ? "" : ", from the state handed over");
        } catch (IOException e) {
            LOG.error("alert state not taken over, going on from this collector's own: {}", e.getMessage());
        }
    }

    private void restore() throws IOException {
        SavedState saved;
        try {
            saved = stateFile.read(SavedState.class);
        } catch (IOException e) {
            LOG.error("alert state not restored, starting fresh: {}", e.getMessage());
            return;
        }
        restore(saved);
    }

    private void restore(SavedState saved) {
        if (saved == null) {
            return;
        }
        if (saved.rules() != null) {
            saved.rules().forEach((name, s) -> {
                if (defs.rule(name) != null) {
                    state(name).restore(s);
                }
            });
        }
        if (saved.groups() != null) {
            groups.restore(saved.groups().stream().filter(g -> defs.rule(g.rule()) != null).toList());
        }
    }

    private synchronized void save() throws IOException {
        Map<String, RuleState.Saved> rules = new java.util.LinkedHashMap<>();
        evaluations.states().forEach((name, s) -> rules.put(name, s.save()));
        SavedState state = new SavedState(rules, groups.save());
        stateFile.write(state);
        if (active && lease != AlertLease.ALWAYS && lease.held()) { // never a state not taken over yet
            lease.handOver(JSON.valueToTree(state));
        }
    }

    // --- metrics ---

    long outboxDepth() {
        return outbox.depth();
    }

    long firingCount() {
        return evaluations.states().values().stream().mapToLong(s -> s.firing().size()).sum();
    }

    long ruleCount() {
        return defs.rules().size();
    }

    /** Stops evaluating and delivering; what is undelivered stays in the outbox for the next start. */
    @Override
    public void close() {
        evaluations.close();
        ticker.shutdown(); // no interrupt while it writes a file: an interrupted FileChannel closes itself
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.close();
        try {
            save();
        } catch (IOException e) {
            LOG.error("cannot save alert state", e);
        }
        try {
            history.close();
        } catch (IOException e) {
            LOG.error("closing alert history", e);
        }
    }

    static ScheduledThreadPoolExecutor daemonPool(int threads, String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }
}
