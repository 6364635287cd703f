package dev.fnlens.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.alert.notify.NotificationGroups;
import dev.fnlens.collector.alert.persist.HistoryLog;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.RuleJson;
import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.query.QueryMemoryException;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule whose query runs the collector out of memory is in error, says why, and is evaluated again. */
class EvaluatorMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aRuleWhoseQueryRunsOutOfMemory_isInErrorWithTheReason_andRecoversAtItsNextEvaluation() throws Exception {
        AlertRule rule = RuleJson.parse(new ObjectMapper().createObjectNode().put("name", "greedy")
                .put("query", "stats count_distinct(@message) as n").put("condition", "n > 1000").put("every", "1m"));
        AtomicBoolean outOfMemory = new AtomicBoolean(true);
        AlertQueries queries = (query, start, end, timeout) -> {
            if (outOfMemory.get()) {
                throw new QueryMemoryException(new OutOfMemoryError("Java heap space"));
            }
            return new QueryResult(QueryStatus.Complete, List.of("n"), List.of(), new Statistics(0, 0, 0));
        };
        try (CollectorMetrics metrics = new CollectorMetrics();
             HistoryLog history = HistoryLog.open(dir.resolve("history.jsonl"), 100);
             Evaluator evaluator = new Evaluator(name -> name.equals("greedy") ? rule : null, queries,
                     new AlertMetrics(metrics), history, new NotificationGroups(d -> null, () -> "http://127.0.0.1"),
                     () -> "http://127.0.0.1", Clock.systemUTC(), 1, () -> { }, () -> true)) {
            evaluator.evaluate("greedy");
            assertThat(evaluator.state("greedy").lastError()).contains("more memory than the collector has");

            outOfMemory.set(false);
            evaluator.evaluate("greedy");
            assertThat(evaluator.state("greedy").lastError()).isNull();
        }
    }
}
