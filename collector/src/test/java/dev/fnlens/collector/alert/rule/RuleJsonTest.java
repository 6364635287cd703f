package dev.fnlens.collector.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleJsonTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void issueExample_isReadWithEveryKey() {
        AlertRule r = RuleJson.parse(yaml("""
                name: hello-errors
                query: 'filter @message like /ERROR/ | stats count(*) as errors by @log'
                condition: errors > 5
                every: 10s
                window: 1m
                for: 0s
                keep_firing_for: 30s
                no_data: not_breaching
                severity: critical
                labels: {team: payments}
                annotations: {summary: 'Errors in {{ @log }}: {{ errors }}'}
                destinations: [ops]
                repeat_interval: 1h
                """));

        assertThat(r.name()).isEqualTo("hello-errors");
        assertThat(r.condition()).isEqualTo(new Condition("errors", ">", 5));
        assertThat(r.every()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.keepFiringFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.noData()).isEqualTo(NoData.NOT_BREACHING);
        assertThat(r.severity()).isEqualTo("critical");
        assertThat(r.labels()).isEqualTo(Map.of("team", "payments"));
        assertThat(r.destinations()).containsExactly("ops");
        assertThat(r.groupBy()).containsExactly("@log");
        assertThat(r.timers()).isEqualTo(new NotifyTimers(null, null, Duration.ofHours(1)));
    }

    @Test
    void toJson_readsBackAsTheSameRule() {
        AlertRule r = RuleJson.parse(yaml("""
                name: slow
                query: 'filter @type = "REPORT" | stats pct(@duration, 99) as p99 by @log'
                condition: p99 >= 1500.5
                for: 1m30s
                annotations: {summary: '{{ @log }} p99 {{ p99 }}'}
                """));

        AlertRule again = RuleJson.parse(RuleJson.toJson(r));

        assertThat(RuleJson.toJson(again)).isEqualTo(RuleJson.toJson(r));
        assertThat(RuleJson.toJson(r).get("for").asText()).isEqualTo("1m30s");
        assertThat(again.condition().threshold()).isEqualTo(1500.5);
    }

    @Test
    void brokenQuery_isRefused_withTheQuerysLineAndColumn() {
        assertThatThrownBy(() -> RuleJson.parse(yaml("""
                name: broken
                query: "filter @type = 'REPORT'\\n| stats count(*) as n by"
                condition: n > 1
                """)))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> {
                    assertThat(e.field()).isEqualTo("query");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(25);
                    assertThat(e.getMessage()).isEqualTo("query: line 2, column 25: expected a field name after 'by'");
                });
    }

    @Test
    void conditionOnAColumnTheQueryDoesNotHave_isRefused() {
        assertThatThrownBy(() -> RuleJson.parse(yaml("""
                name: r
                query: 'stats count() as n by @log'
                condition: errors > 1
                """))).hasMessage("condition: 'errors' is not a column of the query; its columns are [@log, n]");
    }

    @Test
    void queryWithoutStats_orGroupedByBin_isRefused() {
        assertThatThrownBy(() -> RuleJson.parse(yaml("""
                name: r
                query: 'fields @message'
                condition: x > 1
                """))).hasMessageStartingWith("query: a rule's query must compute the tested number with stats");
        assertThatThrownBy(() -> RuleJson.parse(yaml("""
                name: r
                query: 'stats count() as n by bin(1m)'
                condition: n > 1
                """))).hasMessageContaining("must not group by bin()");
    }

    @Test
    void typosAndBadValues_nameTheirKey() {
        String base = "name: r\nquery: 'stats count() as n'\ncondition: n > 1\n";
        assertThatThrownBy(() -> RuleJson.parse(yaml(base + "keep_firing: 1m\n")))
                .hasMessageStartingWith("keep_firing: unknown key; expected one of [");
        assertThatThrownBy(() -> RuleJson.parse(yaml(base + "every: soon\n")))
                .hasMessage("every: expected a duration such as 30s, 5m, 1h or 1h30m, got 'soon'");
        assertThatThrownBy(() -> RuleJson.parse(yaml(base + "no_data: maybe\n")))
                .hasMessageStartingWith("no_data: expected missing, breaching, not_breaching or ignore");
        assertThatThrownBy(() -> RuleJson.parse(yaml(base + "annotations: {summary: '{{ nope }}'}\n")))
                .hasMessageStartingWith("annotations.summary: '{{ nope }}' names neither a column");
        assertThatThrownBy(() -> RuleJson.parse(yaml("name: 'a b'\nquery: 'stats count() as n'\ncondition: n > 1\n")))
                .hasMessageStartingWith("name: a rule name is 1 to 128 letters");
        assertThatThrownBy(() -> RuleJson.parse(yaml("name: r\nquery: 'stats count() as n'\n")))
                .hasMessage("condition: required");
    }

    @Test
    void conditions_parseEveryOperator_andBacktickedNames() {
        assertThat(List.of(">", ">=", "<", "<=", "=", "!=")).allSatisfy(op ->
                assertThat(Condition.parse("x " + op + " 2").op()).isEqualTo(op));
        assertThat(Condition.parse("`count(*)`>=1e3")).isEqualTo(new Condition("count(*)", ">=", 1000));
        assertThat(Condition.parse("x == -0.5").text()).isEqualTo("x = -0.5");
        assertThat(Condition.parse("x > 5").test(5.1)).isTrue();
        assertThat(Condition.parse("x > 5").test(5)).isFalse();
        assertThatThrownBy(() -> Condition.parse("x > y")).hasMessageStartingWith("condition: expected '<field> <op> <number>'");
    }

    @Test
    void durations_readPrometheusStyle_andWriteTheShortestForm() {
        assertThat(Durations.parse("1h30m", "f")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms", "f")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("45", "f")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(8))).isEqualTo("1w1d");
        assertThatThrownBy(() -> Durations.parse("30m1h", "for")).hasMessageStartingWith("for: expected a duration");
    }
}
