package dev.fnlens.collector.alert.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.alert.eval.Observation;
import dev.fnlens.collector.alert.eval.ResultRows;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.NoData;
import dev.fnlens.collector.alert.rule.RuleJson;
import dev.fnlens.collector.event.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each template's query over Lambda lines with known answers: orders (4 invocations), users (1). */
class BuiltinTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS = "/aws/lambda/orders";
    private static final String USERS = "/aws/lambda/users";
    private static final String STREAM = "2026/01/02/[$LATEST]0123456789abcdef0123456789abcdef";
    private final List<LogEvent> events = new ArrayList<>();
    private long t = 1_767_300_000_000L;

    BuiltinTemplatesTest() {
        invocation(ORDERS, "o1", 100.5, 512, 200, 310.0, null);          // cold start
        invocation(ORDERS, "o2", 2500, 512, 470, null, "error");          // failed, slow, 91.8 % memory
        invocation(ORDERS, "o3", 3000, 512, 300, null, "timeout");        // timed out
        invocation(ORDERS, "o4", 50, 512, 200, null, null);
        invocation(USERS, "u1", 20, 128, 60, null, null);
        line(ORDERS, "2026-01-02T03:10:03.273Z\to4\tERROR\tjava.lang.OutOfMemoryError: Java heap space");
    }

    private void invocation(String log, String id, double ms, int memMb, int usedMb, Double init, String outcome) {
        line(log, "START RequestId: " + id + " Version: $LATEST");
        if ("error".equals(outcome)) {
            line(log, "2026-01-02T03:10:03.273Z\t" + id + "\tERROR\t{\"errorType\":\"java.lang.IllegalStateException\","
                    + "\"errorMessage\":\"boom\",\"stackTrace\":[]}");
        }
        line(log, "END RequestId: " + id);
        line(log, String.format(java.util.Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms"
                + "\tMemory Size: %d MB\tMax Memory Used: %d MB%s%s", id, ms, (long) Math.ceil(ms), memMb, usedMb,
                init == null ? "" : String.format(java.util.Locale.ROOT, "\tInit Duration: %.2f ms", init),
                outcome == null ? "" : "\tStatus: " + outcome)); // as the collector writes a failed invocation's
        if ("timeout".equals(outcome)) {
            line(log, "2026-01-02T03:10:06.275Z " + id + " Task timed out after 3.00 seconds");
        }
    }

    private void line(String log, String message) {
        events.add(LogEvent.of(t, t, log, STREAM, message));
        t += 10;
    }

    private Map<String, Double> values(String id, String params) throws Exception {
        AlertRule rule = rule(id, params);
        List<Observation> rows = ResultRows.observations(rule, rule.query().execute(events));
        return rows.stream().filter(o -> o.value() != null).collect(Collectors.toMap(
                o -> o.group().getOrDefault("@log", ""), Observation::value));
    }

    private static AlertRule rule(String id, String params) throws Exception {
        JsonNode request = JSON.readTree("{\"params\": " + params + "}");
        return RuleJson.parse(BuiltinTemplates.instantiate(BuiltinTemplates.find(id), request));
    }

    @Test
    void errorRate_countsFailedAndTimedOutReports_perFunction() throws Exception {
        assertThat(values("error-rate", "{}")).containsExactlyInAnyOrderEntriesOf(Map.of(ORDERS, 50.0, USERS, 0.0));
        assertThat(rule("error-rate", "{\"threshold\": 10}").condition().text()).isEqualTo("errorRate > 10");
    }

    @Test
    void p99Duration() throws Exception {
        assertThat(values("p99-duration", "{}")).containsExactlyInAnyOrderEntriesOf(Map.of(ORDERS, 3000.0, USERS, 20.0));
    }

    @Test
    void timeouts_onlyFunctionsThatTimedOut_andNoDataIsNotBreaching() throws Exception {
        assertThat(values("timeouts", "{}")).containsExactly(Map.entry(ORDERS, 1.0));
        assertThat(rule("timeouts", "{}").noData()).isEqualTo(NoData.NOT_BREACHING);
    }

    @Test
    void coldStartShare() throws Exception {
        assertThat(values("cold-starts", "{}")).containsExactlyInAnyOrderEntriesOf(Map.of(ORDERS, 25.0, USERS, 0.0));
    }

    @Test
    void memory_highestShareOfMemorySize() throws Exception {
        Map<String, Double> v = values("memory", "{}");
        assertThat(v.get(ORDERS)).isCloseTo(91.796875, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rule("memory", "{}").condition().test(v.get(ORDERS))).isTrue();
        assertThat(rule("memory", "{}").condition().test(v.get(USERS))).isFalse();
    }

    @Test
    void noInvocations_ofOneFunction_overNMinutes() throws Exception {
        AlertRule r = rule("no-invocations", "{\"minutes\": 30, \"logGroup\": \"/aws/lambda/users\"}");

        assertThat(r.name()).isEqualTo("no-invocations-users");
        assertThat(r.window()).hasMinutes(30);
        assertThat(r.noData()).isEqualTo(NoData.BREACHING);
        assertThat(values("no-invocations", "{\"logGroup\": \"/aws/lambda/users\"}")).containsExactly(Map.entry("", 1.0));
        assertThat(values("no-invocations", "{\"logGroup\": \"/aws/lambda/nobody\"}")).containsExactly(Map.entry("", 0.0));
    }

    @Test
    void logPattern_textOrRegex() throws Exception {
        assertThat(values("log-pattern", "{}")).containsExactly(Map.entry(ORDERS, 1.0));
        assertThat(values("log-pattern", "{\"pattern\": \"/(?i)java heap/\"}")).containsExactly(Map.entry(ORDERS, 1.0));
        assertThat(values("log-pattern", "{\"pattern\": \"say \\\"hi\\\"\"}")).isEmpty();
    }

    @Test
    void badParameters_areRefusedByName() {
        assertThatThrownBy(() -> rule("error-rate", "{\"threshold\": \"lots\"}"))
                .hasMessage("params.threshold: expected a number, got 'lots'");
        assertThatThrownBy(() -> rule("error-rate", "{\"treshold\": 5}"))
                .hasMessageStartingWith("params.treshold: unknown parameter");
    }
}
