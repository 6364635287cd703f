package dev.fnlens.collector.alert.notify;

import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.NotifyTimers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Alertmanager's grouping and deduplication. The alerts of one rule form one group per destination. A new
 * group waits {@code group_wait} for more alerts, then notifies; after that, changes (new firing alerts,
 * resolved ones) go out at most every {@code group_interval}, and unchanged firing alerts are sent again after
 * {@code repeat_interval}. Resolved alerts are sent once (when the destination sends resolved notifications)
 * and then leave the group. Driven by {@link #tick} with the current time. Thread-safe.
 */
public final class NotificationGroups {
    /** Takes a notification durably (the outbox); throws when it cannot, and the group tries again next tick. */
    public interface Sink {
        void send(Destination destination, Notification notification) throws IOException;
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Function<String, Destination> destinations;
    private final Supplier<String> externalUrl;

    /**
     * @param destinations a destination by name, or null once deleted
     * @param externalUrl  the UI's address for notifications, ending in {@code /}
     */
    public NotificationGroups(Function<String, Destination> destinations, Supplier<String> externalUrl) {
        this.destinations = destinations;
        this.externalUrl = externalUrl;
    }

    /**
     * What a group remembers (persisted): its alerts, when it flushes next, and what it last sent, as
     * Alertmanager's notification log.
     */
    public record Group(String destination, String rule, NotifyTimers ruleTimers, Map<String, Alert> alerts,
                        long nextFlushAt, long lastSentAt, Set<String> sentFiring, Set<String> sentResolved) {
    }

    /** The rule's firing alerts and those that just resolved, after an evaluation at {@code now}. */
    public synchronized void update(AlertRule rule, List<Alert> alerts, long now) {
        for (String name : rule.destinations()) {
            String key = key(name, rule.name());
            Group g = groups.get(key);
            Map<String, Alert> merged = g == null ? new LinkedHashMap<>() : new LinkedHashMap<>(g.alerts());
            for (Alert a : alerts) {
                if (!a.resolved() || merged.containsKey(a.fingerprint())) {
                    merged.put(a.fingerprint(), a);
                }
            }
            if (merged.isEmpty()) {
                continue;
            }
            long next = g == null ? 0 : g.nextFlushAt();
            if (next == 0 && merged.values().stream().anyMatch(a -> !a.resolved())) {
                next = now + timers(name, rule.timers()).groupWait().toMillis();
            }
            groups.put(key, g == null
                    ? new Group(name, rule.name(), rule.timers(), merged, next, 0, Set.of(), Set.of())
                    : new Group(name, rule.name(), rule.timers(), merged, next, g.lastSentAt(), g.sentFiring(),
                    g.sentResolved()));
        }
    }

    /** Sends what is due at {@code now}; returns whether anything changed (to persist). */
    public synchronized boolean tick(long now, Sink sink) {
        boolean changed = false;
        for (Group g : new ArrayList<>(groups.values())) {
            if (g.nextFlushAt() == 0 || now < g.nextFlushAt()) {
                continue;
            }
            String key = key(g.destination(), g.rule());
            Destination d = destinations.apply(g.destination());
            if (d == null) {
                groups.remove(key);
                changed = true;
                continue;
            }
            NotifyTimers timers = timers(g.destination(), g.ruleTimers());
            Set<String> firing = new HashSet<>();
            Set<String> resolved = new HashSet<>();
            g.alerts().values().forEach(a -> (a.resolved() ? resolved : firing).add(a.fingerprint()));
            long lastSentAt = g.lastSentAt();
            Set<String> sentFiring = g.sentFiring();
            Set<String> sentResolved = g.sentResolved();
            if (needsUpdate(g, firing, resolved, now, timers.repeatInterval().toMillis(), d.sendResolved())) {
                try {
                    if (!d.disabled()) {
                        sink.send(d, notification(d, g));
                    }
                } catch (IOException e) {
                    continue; // not taken: try again at the next tick
                }
                lastSentAt = now;
                sentFiring = Set.copyOf(firing);
                sentResolved = Set.copyOf(resolved);
            }
            Map<String, Alert> still = new LinkedHashMap<>(g.alerts());
            still.values().removeIf(Alert::resolved);
            if (still.isEmpty()) {
                groups.remove(key);
            } else {
                groups.put(key, new Group(g.destination(), g.rule(), g.ruleTimers(), still,
                        now + timers.groupInterval().toMillis(), lastSentAt, sentFiring, sentResolved));
            }
            changed = true;
        }
        return changed;
    }

    /** Alertmanager's rule (DedupStage): notify new firing alerts, all-resolved, new resolved, or after repeat. */
    private static boolean needsUpdate(Group g, Set<String> firing, Set<String> resolved, long now, long repeatMs,
                                       boolean sendResolved) {
        if (g.lastSentAt() == 0) {
            return !firing.isEmpty();
        }
        if (!g.sentFiring().containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !g.sentFiring().isEmpty();
        }
        if (sendResolved && !g.sentResolved().containsAll(resolved)) {
            return true;
        }
        return now - g.lastSentAt() >= repeatMs;
    }

    private Notification notification(Destination d, Group g) {
        List<Alert> alerts = new ArrayList<>();
        g.alerts().values().stream().filter(a -> !a.resolved()).forEach(alerts::add);
        if (d.sendResolved()) {
            g.alerts().values().stream().filter(Alert::resolved).forEach(alerts::add);
        }
        int truncated = Math.max(0, alerts.size() - Notification.MAX_ALERTS);
        return new Notification(d.name(), g.rule(), alerts.subList(0, alerts.size() - truncated), truncated,
                externalUrl.get());
    }

    private NotifyTimers timers(String destination, NotifyTimers ruleTimers) {
        Destination d = destinations.apply(destination);
        NotifyTimers t = ruleTimers == null ? NotifyTimers.UNSET : ruleTimers;
        return t.or(d == null ? NotifyTimers.UNSET : d.timers()).or(NotifyTimers.DEFAULTS);
    }

    public synchronized List<Group> save() {
        return new ArrayList<>(groups.values());
    }

    public synchronized void restore(List<Group> saved) {
        groups.clear();
        saved.forEach(g -> groups.put(key(g.destination(), g.rule()), g));
    }

    /** Drops the groups of a rule (after its deletion, once its resolved alerts went out) or of a destination. */
    public synchronized void forget(String destination, String rule) {
        groups.values().removeIf(g -> (destination == null || g.destination().equals(destination))
                && (rule == null || g.rule().equals(rule)));
    }

    public synchronized int size() {
        return groups.size();
    }

    private static String key(String destination, String rule) {
        return destination + "\u0000" + rule;
    }
}
