package dev.fnlens.collector.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.NotifyTimers;
import dev.fnlens.collector.alert.rule.RuleJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alertmanager's timers with group_wait 30s, group_interval 5m, repeat_interval 4h, driven second by second. */
class NotificationGroupsTest {
    private static final long S = 1000;
    private final Destination ops = new Destination("ops", Destination.Type.WEBHOOK, URI.create("http://127.0.0.1/"),
            null, false, null, null, NotifyTimers.UNSET, true, false);
    private final List<Notification> sent = new ArrayList<>();
    private final NotificationGroups groups = new NotificationGroups(name -> name.equals("ops") ? ops : null,
            () -> "http://fnlens/");
    private final AlertRule rule = rule();

    static AlertRule rule() {
        try {
            return RuleJson.parse(new ObjectMapper().readTree("""
                    {"name": "errors", "query": "stats count() as n by @log", "condition": "n > 0",
                     "destinations": ["ops"]}"""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Alert firing(String fn, long since) {
        Map<String, String> labels = Map.of("alertname", "errors", "@log", fn);
        return new Alert(Alert.fingerprint(labels), labels, Map.of(), since, 0, "u");
    }

    static Alert resolved(String fn, long since, long at) {
        Alert a = firing(fn, since);
        return new Alert(a.fingerprint(), a.labels(), a.annotations(), since, at, "u");
    }

    private void runUntil(long from, long to, Map<Long, List<Alert>> updates) {
        for (long t = from; t <= to; t += S) {
            List<Alert> u = updates.get(t);
            if (u != null) {
                groups.update(rule, u, t);
            }
            groups.tick(t, (d, n) -> sent.add(n));
        }
    }

    @Test
    void firstNotification_waitsGroupWait_andBatchesAlertsThatCameMeanwhile() {
        runUntil(0, 60 * S, Map.of(0L, List.of(firing("a", 0)), 10 * S, List.of(firing("a", 0), firing("b", 10 * S))));

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.alerts()).hasSize(2);
            assertThat(n.status()).isEqualTo("firing");
            assertThat(n.externalUrl()).isEqualTo("http://fnlens/");
        });
    }

    @Test
    void changes_goOutAtGroupInterval_resolvedOnce_thenTheGroupEnds() {
        runUntil(0, 31 * S, Map.of(0L, List.of(firing("a", 0))));
        assertThat(sent).hasSize(1); // at 30 s
        groups.update(rule, List.of(resolved("a", 0, 40 * S)), 40 * S);
        runUntil(41 * S, 329 * S, Map.of());
        assertThat(sent).hasSize(1); // not before 30 s + 5 m
        runUntil(330 * S, 1000 * S, Map.of());

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).status()).isEqualTo("resolved");
        assertThat(sent.get(1).alerts().get(0).endsAt()).isEqualTo(40 * S);
        assertThat(groups.size()).isZero();
    }

    @Test
    void unchangedFiringAlerts_areSentAgainAfterRepeatInterval() {
        groups.update(rule, List.of(firing("a", 0)), 0);
        long fourHoursAndSome = Duration.ofHours(4).plusMinutes(6).toMillis();
        for (long t = 0; t <= fourHoursAndSome; t += S) {
            groups.update(rule, List.of(firing("a", 0)), t); // every evaluation reports it again
            groups.tick(t, (d, n) -> sent.add(n));
        }

        assertThat(sent).hasSize(2);
    }

    @Test
    void alertThatResolvesBeforeGroupWait_isNeverSent() {
        runUntil(0, 100 * S, Map.of(0L, List.of(firing("a", 0)), 10 * S, List.of(resolved("a", 0, 10 * S))));

        assertThat(sent).isEmpty();
        assertThat(groups.size()).isZero();
    }

    @Test
    void flapping_isBoundedByGroupInterval() {
        java.util.Map<Long, List<Alert>> updates = new java.util.HashMap<>();
        for (long t = 0; t < 600 * S; t += 10 * S) {
            updates.put(t, List.of((t / 10 / S) % 2 == 0 ? firing("a", t) : resolved("a", t - 10 * S, t)));
        }
        runUntil(0, 600 * S, updates);

        assertThat(sent).hasSizeLessThanOrEqualTo(3); // at 30 s, then at most every 5 m
    }

    @Test
    void groupsSurviveSaveAndRestore() {
        groups.update(rule, List.of(firing("a", 0)), 0);
        groups.tick(30 * S, (d, n) -> sent.add(n));

        NotificationGroups again = new NotificationGroups(name -> ops, () -> "http://fnlens/");
        again.restore(groups.save());
        again.update(rule, List.of(firing("a", 0)), 40 * S);
        again.tick(330 * S, (d, n) -> sent.add(n));

        assertThat(sent).hasSize(1); // already notified: nothing new, repeat not due
    }
}
