package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seam for stores that aggregate themselves: groups handed to complete() answer as execute() does. */
class LeadingStatsTest {
    private static final List<MapEvent> EVENTS = List.of(
            MapEvent.of("@timestamp", 1_000L, "@log", "b", "@duration", 10.5),
            MapEvent.of("@timestamp", 2_000L, "@log", "a", "@duration", 3.25),
            MapEvent.of("@timestamp", 400_000L, "@log", "a"),
            MapEvent.of("@timestamp", 401_000L, "@duration", 7.0));

    @Test
    void leadingStats_isTheStatsAfterOnlyFilters() {
        assertThat(Query.parse("filter a = 1 | filter b = 2 | stats count() by c | sort c").leadingStats())
                .hasValueSatisfying(s -> assertThat(s.index()).isEqualTo(2));
        assertThat(Query.parse("fields a | stats count()").leadingStats()).isEmpty();
        assertThat(Query.parse("filter a = 1 | limit 5 | stats count()").leadingStats()).isEmpty();
        assertThat(Query.parse("filter a = 1").leadingStats()).isEmpty();
    }

    @Test
    void calls_areTheDistinctAggregates_inFirstUse() {
        LeadingStats s = Query.parse("stats sum(x) / count() as r, count() as n, pct(x, 50) by y").leadingStats()
                .orElseThrow();

        assertThat(s.calls()).extracting(Expr.Call::toString).containsExactly("sum(x)", "count()", "pct(x, 50)");
    }

    @Test
    void complete_answersAsExecuteDoes() {
        Query q = Query.parse("stats count() as n, sum(@duration) / count() as mean, max(@duration) by bin(5m), @log"
                + " | sort n desc");
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> results = new ArrayList<>();
        // groups in any order; keys as bin() and the field give them, results as the accumulators would
        keys.add(new Object[] {300_000L, null});
        results.add(new Object[] {1L, 7.0, 7.0});
        keys.add(new Object[] {0L, "b"});
        results.add(new Object[] {1L, 10.5, 10.5});
        keys.add(new Object[] {300_000L, "a"});
        results.add(new Object[] {1L, null, null});
        keys.add(new Object[] {0L, "a"});
        results.add(new Object[] {1L, 3.25, 3.25});

        QueryResult r = q.leadingStats().orElseThrow().complete(keys, results, new Statistics(4, 4, 0),
                ExecutionLimits.none());

        QueryResult expected = q.execute(EVENTS);
        assertThat(r.columns()).isEqualTo(expected.columns());
        assertThat(r.rows()).isEqualTo(expected.rows());
        assertThat(r.statistics()).isEqualTo(new Statistics(4, 4, 0));
    }

    @Test
    void complete_withoutGroups_answersOneRowWithoutBy() {
        Query q = Query.parse("filter x = 1 | stats count() as n, avg(y) as a");

        QueryResult r = q.leadingStats().orElseThrow().complete(List.of(), List.of(), new Statistics(0, 0, 0),
                ExecutionLimits.none());

        assertThat(r.rows()).containsExactly(List.of(new ResultField("n", "0")));
        assertThat(r.rows()).isEqualTo(q.execute(List.of()).rows());
    }

    @Test
    void complete_whenCancelled_isCancelled() {
        Query q = Query.parse("stats count() by @log");

        QueryResult r = q.leadingStats().orElseThrow().complete(List.<Object[]>of(new Object[] {"a"}),
                List.<Object[]>of(new Object[] {1L}), new Statistics(1, 1, 9),
                ExecutionLimits.none().withCancellation(() -> true));

        assertThat(r.status()).isEqualTo(QueryStatus.Cancelled);
        assertThat(r.rows()).isEmpty();
    }
}
