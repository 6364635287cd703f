package dev.fnlens.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.RuleJson;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedAnswersTest {
    private static final String ERRORS = "filter @type = \"REPORT\" | stats count() as invocations by @log";

    @Test
    void rulesOnOneQueryAtSeveralThresholds_runItOnce_perEvaluation() throws Exception {
        AlertRule warning = rule("warning", ERRORS, "invocations > 10", "10s");
        AlertRule page = rule("page", ERRORS, "invocations > 100", "10s");
        SharedAnswers shared = new SharedAnswers();
        AtomicInteger runs = new AtomicInteger();

        QueryResult first = shared.answer(warning, 1_000, () -> result(runs.incrementAndGet()));
        QueryResult second = shared.answer(page, 1_040, () -> result(runs.incrementAndGet()));
        QueryResult nextInterval = shared.answer(warning, 11_000, () -> result(runs.incrementAndGet()));

        assertThat(second).isSameAs(first);
        assertThat(nextInterval).isNotSameAs(first);
        assertThat(runs).hasValue(2);
        assertThat(SharedAnswers.offsetMillis(page)).isEqualTo(SharedAnswers.offsetMillis(warning));
    }

    @Test
    void anotherQueryWindowOrInterval_doesNotShare_andAnIncompleteAnswerIsNotKept() throws Exception {
        SharedAnswers shared = new SharedAnswers();
        AtomicInteger runs = new AtomicInteger();
        shared.answer(rule("a", ERRORS, "invocations > 1", "10s"), 1_000, () -> result(runs.incrementAndGet()));
        shared.answer(rule("b", ERRORS + " | limit 5", "invocations > 1", "10s"), 1_001,
                () -> result(runs.incrementAndGet()));
        shared.answer(rule("c", ERRORS, "invocations > 1", "20s"), 1_002, () -> result(runs.incrementAndGet()));
        assertThat(runs).hasValue(3);

        AlertRule d = rule("d", ERRORS, "invocations > 1", "30s");
        shared.answer(d, 1_000, () -> new QueryResult(QueryStatus.Timeout, List.of(), List.of(),
                new Statistics(0, 0, 0)));
        shared.answer(d, 1_001, () -> result(runs.incrementAndGet()));
        assertThat(runs).hasValue(4);
    }

    @Test
    void offsets_spreadOverTheInterval_upToTenSeconds() {
        for (String every : List.of("200ms", "10s", "5m")) {
            long limit = Math.min(RuleJson.parse(json("x", ERRORS, "invocations > 1", every)).every().toMillis(),
                    10_000);
            for (int i = 0; i < 50; i++) {
                long offset = SharedAnswers.offsetMillis(rule("r" + i, ERRORS + " | limit " + (i + 1),
                        "invocations > 1", every));
                assertThat(offset).isBetween(0L, limit - 1);
            }
        }
    }

    private static QueryResult result(int n) {
        return new QueryResult(QueryStatus.Complete, List.of("n"), List.of(), new Statistics(n, n, n));
    }

    private static AlertRule rule(String name, String query, String condition, String every) {
        return RuleJson.parse(json(name, query, condition, every));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String name, String query, String condition,
                                                                String every) {
        return new ObjectMapper().createObjectNode().put("name", name).put("query", query).put("condition", condition)
                .put("every", every).put("window", "5m");
    }
}
