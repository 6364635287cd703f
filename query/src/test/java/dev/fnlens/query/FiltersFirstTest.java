package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.ast.Command;
import dev.fnlens.query.exec.Planner;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.syntax.CommandParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FiltersFirstTest {

    @Test
    void filterAfterFields_runsFirst_andIsPushedDown() {
        Query q = Query.parse("fields @timestamp, @message | filter @message like /Exception/ | sort @timestamp desc | limit 20");

        assertThat(q.commands()).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("Filter", "Fields", "Sort", "Limit");
        assertThat(q.pushdownFilters()).hasSize(1);
        assertThat(q.columns()).containsExactly("@timestamp", "@message");
    }

    @Test
    void filtersPassDisplayAndParse_thatSetNothingTheyRead_keepingTheirOrder() {
        Query q = Query.parse("display @message | parse @message 'user=* ' as user | filter @type = 'START'"
                + " | filter @duration > 1 | stats count(*)");

        assertThat(q.commands()).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("Filter", "Filter", "Display", "Parse", "Stats");
        assertThat(q.pushdownFilters()).extracting(Object::toString)
                .containsExactly("(@type = \"START\")", "(@duration > 1)");
    }

    @Test
    void filterOnWhatAnEarlierCommandSets_staysAfterIt() {
        assertThat(order("fields strlen(@message) as n | filter n > 10")).containsExactly("Fields", "Filter");
        assertThat(order("fields toupper(@type) as @type | filter @type = 'START'")).containsExactly("Fields", "Filter");
        assertThat(order("fields @message as m | filter M like /x/")).containsExactly("Fields", "Filter");
        assertThat(order("parse @message '{*}' as body | filter body.x = 1")).containsExactly("Parse", "Filter");
        assertThat(order("stats count(*) as n by @log | filter n > 1")).containsExactly("Stats", "Filter");
        assertThat(order("limit 5 | filter @type = 'END'")).containsExactly("Limit", "Filter");
        assertThat(order("sort @timestamp | fields @message | filter @type = 'END'"))
                .containsExactly("Sort", "Filter", "Fields");
    }

    /** Each query gives, run as ordered, what it gives run exactly as written. */
    @ParameterizedTest
    @ValueSource(strings = {
            "fields @timestamp, @message | filter @message like /RequestId/ | sort @timestamp desc | limit 7",
            "fields @requestId, @duration | filter @type = 'REPORT' and @duration > 100 | limit 5",
            "display @requestId | parse @message 'Duration: * ms' as d | filter @type = 'REPORT' | filter d > 50",
            "fields @message | filter @message like 'START' | stats count(*) by @log",
            "fields @message, @type as kind | filter kind = 'END' | filter @log like /orders/ | limit 3",
    })
    void answerIsTheSameAsInWrittenOrder(String text) {
        List<Command> written = CommandParser.parse(text);
        QueryResult asWritten = Planner.plan(written, Deadline.none(), ExecutionLimits.DEFAULT_MAX_ROWS)
                .execute(LambdaLogs.EVENTS);

        QueryResult reordered = Query.parse(text).execute(LambdaLogs.EVENTS);

        assertThat(reordered.rows()).isNotEmpty().isEqualTo(asWritten.rows());
        assertThat(reordered.columns()).isEqualTo(asWritten.columns());
        assertThat(reordered.statistics().recordsMatched()).isEqualTo(asWritten.statistics().recordsMatched());
    }

    private static List<String> order(String text) {
        return Query.parse(text).commands().stream().map(c -> c.getClass().getSimpleName()).toList();
    }
}
