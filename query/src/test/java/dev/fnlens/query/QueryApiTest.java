package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.UnaryOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The seams the collector uses: pushdown filters, referenced fields, columns, statistics, field access. */
class QueryApiTest {

    @Test
    void pushdownFilters_areTheFiltersThatRunFirst_asSyntaxTrees() {
        Query q = Query.parse("filter @type = \"REPORT\" | filter @duration > 100 and @message like /(?i)timeout/"
                + " | fields @requestId | filter @billedDuration > 5 | limit 3 | filter @log = 'x'");

        assertThat(q.pushdownFilters()).containsExactly(
                new Expr.Binary(BinaryOp.EQ, new Expr.Field("@type"), new Expr.StringLiteral("REPORT")),
                new Expr.Binary(BinaryOp.AND,
                        new Expr.Binary(BinaryOp.GT, new Expr.Field("@duration"), new Expr.NumberLiteral(100)),
                        new Expr.Match(new Expr.Field("@message"), new Expr.RegexLiteral("(?i)timeout"), false)),
                new Expr.Binary(BinaryOp.GT, new Expr.Field("@billedDuration"), new Expr.NumberLiteral(5)));
        assertThat(Query.parse("fields a | filter b = 1").pushdownFilters()).hasSize(1);
        assertThat(Query.parse("fields a as b | filter b = 1").pushdownFilters()).isEmpty();
    }

    @Test
    void syntaxTree_coversEveryCommand() {
        Query q = Query.parse("fields a as x | filter not x in [1, 'y'] | parse @message \"* *\" as p, r"
                + " | stats count(*) as n by bin(5m) | sort n desc | limit 3 | display n | dedup n | pattern n");

        assertThat(q.commands()).hasSize(9);
        assertThat(q.commands().get(1)).isEqualTo(new Command.Filter(new Expr.Unary(UnaryOp.NOT,
                new Expr.In(new Expr.Field("x"), List.of(new Expr.NumberLiteral(1), new Expr.StringLiteral("y")), false))));
        assertThat(q.commands().get(2)).isEqualTo(new Command.Parse("@message", "* *", false, List.of("p", "r")));
        Command.Stats stats = (Command.Stats) q.commands().get(3);
        assertThat(stats.aggregates().get(0).expr()).isEqualTo(new Expr.Call("count", List.of(new Expr.Star())));
        assertThat(stats.groupBy().get(0).name()).isEqualTo("bin(5m)");
        assertThat(stats.groupBy().get(0).expr()).isEqualTo(new Expr.Call("bin", List.of(new Expr.DurationLiteral(300_000, "5m"))));
        assertThat(q.commands().get(5)).isEqualTo(new Command.Limit(3));
        assertThat(q.commands().get(2).toString()).contains("Parse");
        assertThat(q.pushdownFilters()).isEmpty();
    }

    @Test
    void referencedFields_areTheStoreFieldsTheQueryReads() {
        assertThat(Query.parse("filter @type = \"REPORT\" | parse @message \"* *\" as a, b | stats count() by a")
                .referencedFields()).containsExactlyInAnyOrder("@type", "@message");
        assertThat(Query.parse("stats count() by bin(1h)").referencedFields()).containsExactly("@timestamp");
        assertThat(Query.parse("stats earliest(@requestId) by @log").referencedFields())
                .containsExactlyInAnyOrder("@requestId", "@log", "@timestamp");
        assertThat(Query.parse("filter @type = \"END\"").referencedFields())
                .containsExactlyInAnyOrder("@type", "@timestamp", "@message", "@logStream", "@log");
        assertThat(Query.parse("fields strlen(@message) as n | sort n | display n, @requestId").referencedFields())
                .containsExactlyInAnyOrder("@message", "@requestId");
        assertThat(Query.parse("stats count() as n by @log | filter n > 1 | display n, other").referencedFields())
                .containsExactly("@log");
    }

    @Test
    void execute_readsOnlyReferencedFields_eachAtMostOncePerEvent() {
        Query q = Query.parse("filter @type = \"REPORT\" and @duration > 0 and @duration < 1e9 | stats avg(@duration) by @log");
        List<String> reads = new ArrayList<>();
        List<FieldSource> events = LambdaLogs.EVENTS.stream().<FieldSource>map(e -> new FieldSource() {
            @Override
            public Object get(String field) {
                reads.add(field);
                return e.get(field);
            }

            @Override
            public long byteSize() {
                return 1;
            }
        }).toList();

        QueryResult r = q.execute(events);

        assertThat(Set.copyOf(reads)).isEqualTo(q.referencedFields());
        long reports = LambdaLogs.reports().size();
        assertThat(reads.stream().filter("@duration"::equals).count()).isEqualTo(reports);
        assertThat(reads.stream().filter("@type"::equals).count()).isEqualTo(LambdaLogs.EVENTS.size());
        assertThat(r.statistics()).isEqualTo(new Statistics(reports, LambdaLogs.EVENTS.size(), LambdaLogs.EVENTS.size()));
    }

    @Test
    void statistics_countScannedMatchedAndMessageBytes() {
        QueryResult r = Answers.run("filter @type = \"START\" | sort @timestamp desc | filter @log like 'orders' | limit 3");

        long starts = LambdaLogs.EVENTS.stream().filter(e -> "START".equals(e.value("@type"))).count();
        long bytes = LambdaLogs.EVENTS.stream()
                .mapToLong(e -> ((String) e.value("@message")).getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(r.statistics()).isEqualTo(new Statistics(starts, LambdaLogs.EVENTS.size(), bytes));
        assertThat(MapEvent.of("@message", "é€😀").byteSize()).isEqualTo("é€😀".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void columns_areKnownBeforeExecution_andMatchTheAnswer() {
        Query q = Query.parse("filter @type = \"REPORT\" | stats count() as n, max(@duration) by @log, bin(30m)");

        assertThat(q.columns()).containsExactly("@log", "bin(30m)", "n", "max(@duration)");
        QueryResult r = q.execute(LambdaLogs.EVENTS);
        assertThat(r.columns()).isEqualTo(q.columns());
        assertThat(Answers.rows(r)).allSatisfy(row -> assertThat(row.keySet()).containsExactlyElementsOf(q.columns()));
        assertThat(Query.parse("pattern @message").columns()).containsExactly("@pattern", "@ratio", "@sampleCount");
        assertThat(Query.parse("parse @message \"* *\" as a, b").columns())
                .containsExactly("@timestamp", "@message", "@logStream", "@log", "a", "b");
    }

    @Test
    void maxRows_capsTheAnswer_evenWhenTheLimitIsLarger() {
        QueryResult r = Query.parse("fields @message | limit 50").execute(LambdaLogs.EVENTS, ExecutionLimits.none().withMaxRows(7));

        assertThat(r.rows()).hasSize(7);
    }

    @Test
    void aQueryIsSharedSafelyBetweenThreads() throws Exception {
        Query q = Query.parse("filter @message like /RequestId/ | stats count() as n, pct(@duration, 90) as p by @log");
        List<Map<String, String>> expected = Answers.rows(q.execute(LambdaLogs.EVENTS));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<QueryResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> q.execute(LambdaLogs.EVENTS)));
            }
            for (Future<QueryResult> f : results) {
                assertThat(Answers.rows(f.get())).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void valuesOfAnyNumberTypeAndInstants_areAccepted() {
        MapEvent e = MapEvent.of("@timestamp", java.time.Instant.ofEpochMilli(LambdaLogs.BASE), "i", 3, "f", 1.5f,
                "big", new java.math.BigDecimal("12.25"), "s", (short) 2);

        assertThat(Answers.rows("fields @timestamp, i + s as a, f * 2 as b, big as c", List.of(e)))
                .containsExactly(Map.of("@timestamp", Answers.stamp(LambdaLogs.BASE), "a", "5", "b", "3", "c", "12.25"));
    }
}
