package dev.fnlens.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.ResultField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LogEvent is the query engine's FieldSource: AWS's own Lambda queries run over it. */
class LogEventQueryTest {
    private static final List<LogEvent> EVENTS = List.of(
            event("START RequestId: r-1 Version: $LATEST"),
            event("REPORT RequestId: r-1\tDuration: 198.50 ms\tBilled Duration: 199 ms\tMemory Size: 128 MB"
                    + "\tMax Memory Used: 90 MB\tInit Duration: 524.75 ms"),
            event("REPORT RequestId: r-2\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 128 MB"
                    + "\tMax Memory Used: 91 MB"),
            event("2026-01-02T10:00:00.000Z\tr-2\tINFO\t{\"ok\":true,\"cart\":{\"items\":3}}"),
            event("2026-01-02T10:00:00.000Z\tr-3\tINFO\t{\"ok\":false,\"cart\":{\"items\":4}}"));

    @Test
    void coldStartQuery_fromTheAwsDocs_countsOnlyColdReports() {
        assertThat(single("filter @type = \"REPORT\" and ispresent(@initDuration) | stats count() as coldStarts"))
                .isEqualTo(new ResultField("coldStarts", "1"));
    }

    @Test
    void memoryFields_areBytes_andJsonFields_areTyped() {
        assertThat(single("filter @type = \"REPORT\" | stats max(@maxMemoryUsed) as peak")).isEqualTo(new ResultField("peak", "91000000"));
        assertThat(single("stats sum(cart.items) as items")).isEqualTo(new ResultField("items", "7"));
        assertThat(single("stats sum(ok) as oks")).isEqualTo(new ResultField("oks", "1"));
    }

    private static ResultField single(String query) {
        QueryResult result = Query.parse(query).execute(EVENTS);
        return result.rows().get(0).get(0);
    }

    private static LogEvent event(String message) {
        return LogEvent.of(1_767_348_000_000L, 1_767_348_000_100L, "/aws/lambda/orders", "s", message);
    }
}
