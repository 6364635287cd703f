package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.pattern.MessageShapes;
import dev.fnlens.query.runtime.Deadline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seam for stores that shape messages themselves: counts handed to complete() answer as execute() does. */
class LeadingPatternTest {
    private static final List<MapEvent> EVENTS = List.of(
            MapEvent.of("@message", "took 12 ms", "@log", "a"),
            MapEvent.of("@message", "took 7 ms", "@log", "a"),
            MapEvent.of("@message", "user 42 logged in", "@log", "b"),
            MapEvent.of("@message", "done", "@log", "b"));

    @Test
    void leadingPattern_isThePatternAfterOnlyFilters() {
        assertThat(Query.parse("filter @log = \"a\" | pattern @message | limit 3").leadingPattern())
                .hasValueSatisfying(p -> assertThat(p.command().field().toString()).isEqualTo("@message"));
        assertThat(Query.parse("fields @timestamp, @message | pattern @message").leadingPattern()).isPresent();
        assertThat(Query.parse("fields concat(@message, \"!\") as @message | pattern @message").leadingPattern()).isEmpty();
        assertThat(Query.parse("parse @message \"* *\" as a, b | pattern @message").leadingPattern()).isEmpty();
        assertThat(Query.parse("stats count() by @log").leadingPattern()).isEmpty();
    }

    @Test
    void complete_answersAsExecuteDoes() {
        Query q = Query.parse("pattern @message | sort @sampleCount desc, @pattern | limit 2");
        Map<String, Long> shapes = new HashMap<>();
        MessageShapes shaper = new MessageShapes(Deadline.none());
        for (MapEvent e : EVENTS) {
            shapes.merge(shaper.shape((String) e.get("@message")), 1L, Long::sum);
        }

        QueryResult r = q.leadingPattern().orElseThrow().complete(shapes, new Statistics(4, 4, 40), ExecutionLimits.none());

        QueryResult expected = q.execute(EVENTS);
        assertThat(r.columns()).isEqualTo(expected.columns());
        assertThat(r.rows()).isEqualTo(expected.rows()).hasSize(2);
        assertThat(r.statistics()).isEqualTo(new Statistics(4, 4, 40));
    }

    @Test
    void complete_whenCancelled_isCancelled() {
        QueryResult r = Query.parse("pattern @message").leadingPattern().orElseThrow().complete(Map.of("done", 1L),
                new Statistics(1, 1, 4), ExecutionLimits.none().withCancellation(() -> true));

        assertThat(r.status()).isEqualTo(QueryStatus.Cancelled);
        assertThat(r.rows()).isEmpty();
    }
}
