package dev.fnlens.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.ResultField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QueryService#run(Query, long, long, List, ExecutionLimits)}: what alert rules call, with millisecond ranges. */
class QueryServiceRangeTest {
    private static final long DAY1 = 1_767_311_999_000L; // 2026-01-01T23:59:59Z
    private static final String STREAM = "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private static List<LogEvent> batch(long from, int reports, int errors) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            events.add(LogEvent.of(from + i, from + i, "/aws/lambda/orders", STREAM, "REPORT RequestId: r" + from + i
                    + "\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB"));
        }
        for (int i = 0; i < errors; i++) {
            events.add(LogEvent.of(from + i, from + i, "/aws/lambda/orders", STREAM, "2026-01-01T23:59:59.000Z\tr"
                    + i + "\tERROR\t{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"x\"}"));
        }
        return events;
    }

    @Test
    void readsEveryEventOfTheRange_acrossSegmentsAndDays_andNothingOutside() throws Exception {
        try (LuceneStore store = LuceneStore.open(dir)) {
            store.add(1, batch(DAY1 - 60_000, 5, 5)); // outside the range
            store.add(2, batch(DAY1, 3, 1));
            store.commit(2);
            store.refresh();
            store.add(3, batch(DAY1 + 2_000, 4, 2)); // the next day, another segment
            store.commit(3);
            store.refresh();
            store.add(4, batch(DAY1 + 4_000, 2, 0)); // not committed: visible after refresh
            store.refresh();

            QueryResult r = new QueryService(new LuceneQueries(store), Duration.ofSeconds(10)).run(Query.parse(
                    "filter @type = \"REPORT\" or ispresent(errorType)"
                    + " | stats count(@duration) as invocations, count(errorType) as errors by @log"),
                    DAY1, DAY1 + 10_000, List.of(), ExecutionLimits.timeout(Duration.ofSeconds(5))).result();

            assertThat(r.rows()).singleElement().satisfies(row -> assertThat(row).containsExactly(
                    new ResultField("@log", "/aws/lambda/orders"), new ResultField("invocations", "9"),
                    new ResultField("errors", "3")));
            assertThat(r.statistics().recordsMatched()).isEqualTo(12);
        }
    }

    @Test
    void aFilterOnTheMessage_findsReportLinesRebuiltFromTheirFields() throws Exception {
        try (LuceneStore store = LuceneStore.open(dir)) {
            store.add(1, batch(DAY1, 3, 2));
            store.refresh();
            QueryService service = new QueryService(new LuceneQueries(store), Duration.ofSeconds(10));
            for (String filter : List.of("@message like \"Max Memory Used: 60\"", "@message like /Billed Duration: \\d+ ms/",
                    "@message like \"illed Dura\"")) {
                QueryResult r = service.run(Query.parse("filter " + filter + " | stats count() as n"), DAY1, DAY1 + 10_000,
                        List.of(), ExecutionLimits.timeout(Duration.ofSeconds(5))).result();
                assertThat(r.rows()).as(filter).singleElement()
                        .satisfies(row -> assertThat(row).containsExactly(new ResultField("n", "3")));
            }
        }
    }
}
