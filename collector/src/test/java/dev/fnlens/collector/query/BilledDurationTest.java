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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A billed duration that is its duration rounded up to the millisecond is kept as a mark and read from the duration;
 * any other (a cold start billed with its init, a duration with more decimals) as its value. Every way a query reads
 * it must give what was written.
 */
class BilledDurationTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final String STREAM = "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;
    private QueryService service;
    private LuceneStore store;

    @BeforeEach
    void index() throws Exception {
        store = LuceneStore.open(dir);
        store.add(1, List.of(
                report(0, "r1", "12.34", "13"),      // rounded up: a mark
                report(1, "r2", "12.00", "12"),      // a whole millisecond: a mark
                report(2, "r3", "12.00", "13"),      // billed more: its value
                report(3, "r4", "5.50", "250"),      // a cold start billed with its init: its value
                report(4, "r5", "0.125", "1"),       // more decimals than Lambda writes: its value
                report(5, "r6", "99.99", "100"),     // a mark
                LogEvent.of(T0 + 6, T0 + 6, "/aws/lambda/orders", STREAM, "START RequestId: r7 Version: $LATEST")));
        store.refresh();
        service = new QueryService(new LuceneQueries(store), Duration.ofSeconds(10));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private static LogEvent report(int ms, String id, String duration, String billed) {
        return LogEvent.of(T0 + ms, T0 + ms, "/aws/lambda/orders", STREAM, "REPORT RequestId: " + id
                + "\tDuration: " + duration + " ms\tBilled Duration: " + billed + " ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB");
    }

    @Test
    void filters_readTheBilledDuration_asWritten() throws Exception {
        assertThat(requestIds("filter @billedDuration = 13")).containsExactly("r1", "r3");
        assertThat(requestIds("filter @billedDuration = 12")).containsExactly("r2");
        assertThat(requestIds("filter @billedDuration > 12 and @billedDuration <= 100")).containsExactly("r1", "r3", "r6");
        assertThat(requestIds("filter @billedDuration < 12.5")).containsExactly("r2", "r5");
        assertThat(requestIds("filter @billedDuration >= 100")).containsExactly("r4", "r6");
        assertThat(requestIds("filter @billedDuration = 12.5")).isEmpty();
        assertThat(requestIds("filter ispresent(@billedDuration)")).containsExactly("r1", "r2", "r3", "r4", "r5", "r6");
        assertThat(requestIds("filter not ispresent(@billedDuration)")).containsExactly("r7");
    }

    @Test
    void fields_aggregates_andSorts_readItAsWritten() throws Exception {
        assertThat(column("filter @type = \"REPORT\" | fields @billedDuration | sort @timestamp asc", "@billedDuration"))
                .containsExactly("13", "12", "13", "250", "1", "100");
        assertThat(column("stats sum(@billedDuration) as s, min(@billedDuration) as lo, max(@billedDuration) as hi,"
                + " count(@billedDuration) as n", "s")).containsExactly("389");
        assertThat(column("stats min(@billedDuration) as lo, max(@billedDuration) as hi, count(@billedDuration) as n"
                + " by @log", "lo")).containsExactly("1");
        assertThat(column("stats pct(@billedDuration, 50) as p by @log", "p")).containsExactly("13");
        for (int run = 0; run < 2; run++) { // the second from what the first learned of the segment's blocks
            assertThat(column("fields @requestId | sort @billedDuration desc | limit 3", "@requestId"))
                    .containsExactly("r4", "r6", "r1");
            assertThat(column("fields @requestId | sort @billedDuration asc | limit 4", "@requestId"))
                    .containsExactly("r5", "r2", "r1", "r3");
        }
        assertThat(requestIds("filter @billedDuration - @duration > 0.5"))
                .containsExactly("r1", "r3", "r4", "r5");
    }

    @Test
    void theRebuiltReportLine_saysTheBilledDurationWritten() throws Exception {
        assertThat(requestIds("filter @message like \"Billed Duration: 13 ms\""))
                .containsExactly("r1", "r3");
        assertThat(column("filter @requestId = \"r6\" | fields @message", "@message")).singleElement()
                .asString().contains("Duration: 99.99 ms\tBilled Duration: 100 ms");
    }

    private List<String> requestIds(String query) throws Exception {
        return column(query + " | fields @requestId | sort @timestamp asc", "@requestId");
    }

    private List<String> column(String query, String field) throws Exception {
        QueryResult r = service.run(Query.parse(query), T0, T0 + 60_000, List.of(),
                ExecutionLimits.timeout(Duration.ofSeconds(5))).result();
        return r.rows().stream().map(row -> row.stream().filter(f -> f.field().equals(field)).findFirst()
                .map(ResultField::value).orElse(null)).toList();
    }
}
