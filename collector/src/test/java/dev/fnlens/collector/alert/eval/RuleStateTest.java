package dev.fnlens.collector.alert.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.RuleJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state machine driven with explicit times, one evaluation every 10 s. */
class RuleStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ORDERS = Map.of("@log", "/aws/lambda/orders");
    private static final Map<String, String> USERS = Map.of("@log", "/aws/lambda/users");

    static AlertRule rule(String extra) {
        ObjectNode json = JSON.createObjectNode().put("name", "errors")
                .put("query", "filter ispresent(errorType) | stats count() as errors by @log")
                .put("condition", "errors > 2");
        for (String kv : extra.split(",")) {
            if (!kv.isBlank()) {
                json.put(kv.split("=")[0].strip(), kv.split("=")[1].strip());
            }
        }
        return RuleJson.parse(json);
    }

    static Observation row(Map<String, String> group, double errors) {
        Map<String, String> row = new java.util.LinkedHashMap<>(group);
        row.put("errors", Long.toString((long) errors));
        return new Observation(group, errors, row);
    }

    private final List<Transition> history = new ArrayList<>();

    private RuleState.Outcome apply(RuleState s, AlertRule r, long t, Observation... rows) {
        RuleState.Outcome out = s.applyData(r, List.of(rows), t * 1000);
        history.addAll(out.transitions());
        return out;
    }

    @Test
    void pendingForTheForDuration_thenFiring_thenResolved() {
        AlertRule r = rule("for=20s");
        RuleState s = new RuleState("errors");

        apply(s, r, 0, row(ORDERS, 1));
        assertThat(s.state()).isEqualTo(AlertState.OK);
        apply(s, r, 10, row(ORDERS, 5));
        assertThat(s.state()).isEqualTo(AlertState.PENDING);
        apply(s, r, 20, row(ORDERS, 6));
        assertThat(s.state()).isEqualTo(AlertState.PENDING);
        apply(s, r, 30, row(ORDERS, 7));
        assertThat(s.state()).isEqualTo(AlertState.FIRING);
        assertThat(s.firing()).singleElement().satisfies(a -> {
            assertThat(a.activeSince()).isEqualTo(10_000);
            assertThat(a.firedAt()).isEqualTo(30_000);
            assertThat(a.value()).isEqualTo(7);
        });
        RuleState.Outcome out = apply(s, r, 40, row(ORDERS, 0));

        assertThat(s.state()).isEqualTo(AlertState.OK);
        assertThat(out.resolved()).hasSize(1);
        assertThat(history).extracting(t -> t.from() + ">" + t.to())
                .containsExactly("OK>PENDING", "PENDING>FIRING", "FIRING>OK");
        assertThat(history.get(1).reason()).isEqualTo("condition held for 20s");
    }

    @Test
    void pendingAlert_thatStopsHolding_goesBackToOk_withoutFiring() {
        AlertRule r = rule("for=1m");
        RuleState s = new RuleState("errors");

        apply(s, r, 0, row(ORDERS, 5));
        apply(s, r, 10, row(ORDERS, 1));

        assertThat(s.state()).isEqualTo(AlertState.OK);
        assertThat(history).extracting(t -> t.from() + ">" + t.to()).containsExactly("OK>PENDING", "PENDING>OK");
    }

    @Test
    void groupedRule_firesOneAlertPerGroup() {
        AlertRule r = rule("");
        RuleState s = new RuleState("errors");

        apply(s, r, 0, row(ORDERS, 5), row(USERS, 1));
        assertThat(s.firing()).extracting(AlertInstance.Snapshot::group).containsExactly(ORDERS);
        apply(s, r, 10, row(ORDERS, 5), row(USERS, 9));
        assertThat(s.firing()).extracting(AlertInstance.Snapshot::group).containsExactly(ORDERS, USERS);
        RuleState.Outcome out = apply(s, r, 20, row(USERS, 9)); // orders has no row any more: no errors

        assertThat(s.firing()).extracting(AlertInstance.Snapshot::group).containsExactly(USERS);
        assertThat(out.resolved()).extracting(AlertInstance.Snapshot::group).containsExactly(ORDERS);
        assertThat(s.lastValue()).isEqualTo(9);
    }

    @Test
    void keepFiringFor_bridgesFlapping_andResolvesOnceItHasPassed() {
        AlertRule r = rule("keep_firing_for=30s");
        RuleState s = new RuleState("errors");

        for (int t = 0; t <= 100; t += 10) {
            apply(s, r, t, row(ORDERS, t % 20 == 0 ? 5 : 0)); // on, off, on, off, ...
            assertThat(s.state()).as("at %d s", t).isEqualTo(AlertState.FIRING);
        }
        apply(s, r, 110, row(ORDERS, 0));
        apply(s, r, 120, row(ORDERS, 0));
        assertThat(s.state()).isEqualTo(AlertState.FIRING);
        apply(s, r, 130, row(ORDERS, 0)); // false since 110 s: 20 s ... not yet 30
        apply(s, r, 140, row(ORDERS, 0));

        assertThat(s.state()).isEqualTo(AlertState.OK);
        assertThat(history).extracting(t -> t.from() + ">" + t.to()).containsExactly("OK>FIRING", "FIRING>OK");
        assertThat(history.get(1).time()).isEqualTo(140_000);
    }

    @Test
    void noData_missing_resolvesAndShowsNoData() {
        AlertRule r = rule("no_data=missing");
        RuleState s = new RuleState("errors");
        apply(s, r, 0, row(ORDERS, 5));

        RuleState.Outcome out = s.applyData(r, List.of(), 10_000);

        assertThat(s.state()).isEqualTo(AlertState.NO_DATA);
        assertThat(out.resolved()).hasSize(1);
        assertThat(out.transitions()).extracting(t -> t.from() + ">" + t.to()).containsExactly("OK>NO_DATA", "FIRING>OK");
    }

    @Test
    void noData_breaching_firesOneAlertWithoutGroup() {
        AlertRule r = rule("no_data=breaching, for=10s");
        RuleState s = new RuleState("errors");

        s.applyNoData(r, 0);
        assertThat(s.state()).isEqualTo(AlertState.PENDING);
        s.applyNoData(r, 10_000);

        assertThat(s.firing()).singleElement().satisfies(a -> assertThat(a.group()).isEmpty());
    }

    @Test
    void noData_notBreaching_resolvesAndShowsOk() {
        AlertRule r = rule("no_data=not_breaching");
        RuleState s = new RuleState("errors");
        apply(s, r, 0, row(ORDERS, 5));

        RuleState.Outcome out = s.applyNoData(r, 10_000);

        assertThat(s.state()).isEqualTo(AlertState.OK);
        assertThat(out.resolved()).hasSize(1);
    }

    @Test
    void noData_ignore_keepsEverythingAsItIs() {
        AlertRule r = rule("no_data=ignore");
        RuleState s = new RuleState("errors");
        apply(s, r, 0, row(ORDERS, 5));

        RuleState.Outcome out = s.applyNoData(r, 10_000);

        assertThat(out.transitions()).isEmpty();
        assertThat(s.state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void rowsWithoutANumber_areNoData() {
        AlertRule r = rule("no_data=missing");
        RuleState s = new RuleState("errors");

        s.applyData(r, List.of(new Observation(ORDERS, null, ORDERS)), 0);

        assertThat(s.state()).isEqualTo(AlertState.NO_DATA);
    }

    @Test
    void anEvaluationThatFails_keepsTheAlerts_andShowsTheError() {
        AlertRule r = rule("");
        RuleState s = new RuleState("errors");
        apply(s, r, 0, row(ORDERS, 5));

        s.applyError("query timeout", 10_000);

        assertThat(s.firing()).hasSize(1);
        assertThat(s.lastError()).isEqualTo("query timeout");
        apply(s, r, 20, row(ORDERS, 5));
        assertThat(s.lastError()).isNull();
    }

    @Test
    void saveAndRestore_keepTheAlertsAndTheirTimes() {
        AlertRule r = rule("for=10s");
        RuleState s = new RuleState("errors");
        apply(s, r, 0, row(ORDERS, 5));
        apply(s, r, 10, row(ORDERS, 5));

        RuleState again = new RuleState("errors");
        again.restore(s.save());
        apply(again, r, 20, row(ORDERS, 5));

        assertThat(again.firing()).singleElement().satisfies(a -> assertThat(a.firedAt()).isEqualTo(10_000));
        assertThat(again.recentValues()).hasSize(3);
    }

    @Test
    void recentValues_keepTheLast60Evaluations_oldestFirst_withTheMostBreachingGroupsValue() {
        AlertRule r = rule("");
        RuleState s = new RuleState("errors");
        for (int i = 0; i < 70; i++) {
            apply(s, r, i, row(ORDERS, i), row(USERS, 1));
        }
        s.applyNoData(r, 80_000); // no number: nothing to draw

        List<double[]> values = s.recentValues();
        assertThat(values).hasSize(RuleState.RECENT_VALUES);
        assertThat(values.get(0)).containsExactly(10_000, 10);
        assertThat(values.get(59)).containsExactly(69_000, 69);
        apply(s, r, 90, row(ORDERS, 0), row(USERS, 1)); // nothing breaches: the first group's value
        assertThat(s.recentValues().get(59)).containsExactly(90_000, 0);
    }
}
