package dev.fnlens.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.columnar.Columnar;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.testdata.LambdaEvents;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column-wise path ({@link Columnar}) gives, to the character, the row engine's answer — columns, rows, order,
 * number formatting, status and statistics — over the same index: a corpus of random aggregations and top-k sorts,
 * each shape on its own, and the shapes that must stay with the row engine.
 */
class ColumnarEquivalenceTest {
    /** Just before midnight, so the events fill two day partitions. */
    private static final long T0 = Instant.parse("2026-01-02T23:59:58.000Z").toEpochMilli();
    private static final String STREAM = "2026/01/03/[$LATEST]00000000000000000000000000000042";

    @TempDir
    static Path root;
    static LuceneStore store;
    static QueryService columnar;
    static QueryService rows;
    static long last;

    @BeforeAll
    static void index() throws IOException {
        store = LuceneStore.open(root);
        columnar = new QueryService(new LuceneQueries(store, true), Duration.ofSeconds(30));
        rows = new QueryService(new LuceneQueries(store, false), Duration.ofSeconds(30));
        LambdaEvents gen = new LambdaEvents(23, T0);
        long seq = 0;
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            batch.addAll(gen.nextInvocation());
            if (i % 9 == 0) {
                store.add(++seq, batch);
                batch = new ArrayList<>();
            }
            if (i % 350 == 0) {
                store.refresh(); // several segments per day
            }
        }
        store.add(++seq, batch);
        store.add(++seq, oddEvents(T0 + 1500));
        store.add(++seq, oddEvents(T0 + 3 * 3_600_000L)); // a later bin of every period
        store.refresh();
        last = T0 + 3 * 3_600_000L + 10;
    }

    @AfterAll
    static void close() throws IOException {
        store.close();
    }

    /** Numbers the generator does not write: more than two decimals (kept unscaled), huge, negative-free zeros. */
    private static List<LogEvent> oddEvents(long t) {
        String[] messages = {
            "REPORT RequestId: r-1\tDuration: 0.125 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB",
            "REPORT RequestId: r-2\tDuration: 0.1 ms\tBilled Duration: 1 ms\tMemory Size: 3008 MB\tMax Memory Used: 0 MB",
            "REPORT RequestId: r-3\tDuration: 102.333 ms\tBilled Duration: 103 ms\tMemory Size: 10240 MB"
                    + "\tMax Memory Used: 10240 MB\tInit Duration: 1234.567 ms",
            "REPORT RequestId: r-4\tDuration: 0.00 ms\tBilled Duration: 0 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB",
            "START RequestId: r-5 Version: $LATEST",
            "a line without a type",
            // values of a discovered field that its terms alone cannot group
            "{\"level\":\"200\"}",
            "{\"level\":200}", // the same term as the string "200", another group
            "{\"level\":200.0}", // one group with 200
            "{\"level\":true}",
            "{\"level\":1}", // one group with true, as the engine compares them
            "{\"level\":\"" + "x".repeat(300) + "\"}", // too long for a term
            "{\"level\":\"a sentence long enough to be found in the message\"}",
            "{\"level\\u0000x\":\"INFO\",\"ok\":false}", // a NUL in another field's name
            "{\"level\":\"z\",\"level\\u0000a\":\"y\"}", // its term after the other field's
            "{\"level\":\"\"}",
            "{\"level\":\"INFO\",\"level\":\"WARN\"}", // a key written twice
            // REPORT lines as the collector writes them for the agent: one shape per text values and parts written
            report("8f507cfc-0a1b-4697-b07a-ac58fc914c95", "12.50", "success", "aws:sqs", "1-5759e988-bd862e3fe1be46a994272793", "dcbadbdedcacdafc"),
            report("0f507cfc-0a1b-4697-b07a-ac58fc914c96", "1.00", "success", "aws:sqs", "1-00000001-bd862e3fe1be46a994272793", "0123456789abcdef"),
            report("1f507cfc-0a1b-4697-b07a-ac58fc914c97", "7.25", "success", "aws:s3", "1-5759e988-000000000000000000000000", "fedcba9876543210"),
            report("2f507cfc-0a1b-4697-b07a-ac58fc914c98", "7.25", "error", "aws:sqs", null, null),
            report("7f507cfc-0a1b-4697-b07a-ac58fc914c90", "3.00", "success", "aws:sqs", null, null),
            report("abc-def", "3.00", "success", "aws:sqs", null, null), // a request id of no compact form: as written
            // as many parts written, other ones
            "REPORT RequestId: 9f507cfc-0a1b-4697-b07a-ac58fc914c91\tDuration: 1.00 ms\tBilled Duration: 1 ms"
                    + "\tMemory Size: 128 MB\tStatus: success",
            "REPORT RequestId: 9f507cfc-0a1b-4697-b07a-ac58fc914c92\tDuration: 1.00 ms\tBilled Duration: 1 ms"
                    + "\tMax Memory Used: 12 MB\tStatus: success",
            report("3f507cfc-0a1b-4697-b07a-ac58fc914c99", "3.00", "'quoted", "it's\"odd", "1-5759e988-bd862e3fe1be46a994272793", "dcbadbdedcacdafa"),
            report("4f507cfc-0a1b-4697-b07a-ac58fc914c90", "3.00", "'quoted", "it's\"odd", "1-5759e988-bd862e3fe1be46a994272794", "1cbadbdedcacdafa"),
            "START RequestId: 5f507cfc-0a1b-4697-b07a-ac58fc914c90 Version: $LATEST",
            "END RequestId: 6f507cfc-0a1b-4697-b07a-ac58fc914c90",
        };
        List<LogEvent> events = new ArrayList<>();
        for (String m : messages) {
            events.add(LogEvent.of(t, t + 3, "/aws/lambda/odd", STREAM, m));
        }
        return events;
    }

    private static String report(String id, String duration, String status, String trigger, String trace,
                                 String segment) {
        return "REPORT RequestId: " + id + "\tDuration: " + duration + " ms\tBilled Duration: 13 ms\tMemory Size: 512 MB"
                + "\tMax Memory Used: 90 MB\tStatus: " + status + "\tTrigger: " + trigger
                + (trace == null ? "" : "\tXRAY TraceId: " + trace + "\tSegmentId: " + segment + "\tSampled: true");
    }

    static List<String> shapes() {
        return List.of(
                "stats count(*) by bin(5m)",
                "filter @message like \"Duration\" | stats count() by @log", // like a text: exact in the index
                "filter @message like /Init Duration/ and @log = \"/aws/lambda/orders\" | stats count()",
                "stats count() by bin(100ms)",
                "stats count(*)",
                "filter @type = \"REPORT\" | stats pct(@duration, 99) by @log",
                "filter @type = \"REPORT\" | stats sum(ispresent(@initDuration)) / count(*) as coldShare by bin(5m)",
                "filter @type = \"REPORT\" | stats count() as invocations, count(@initDuration) as coldStarts,"
                        + " avg(@initDuration) as avgInit, pct(@duration, 50) as p50, pct(@duration, 95) as p95,"
                        + " pct(@duration, 99) as p99, max(@maxMemoryUsed) as maxMemoryUsed,"
                        + " max(@memorySize) as memorySize, sum(@billedDuration * @memorySize) as billedByteMs by @log",
                "filter @type = \"REPORT\" | stats avg(@duration), max(@duration), min(@duration) by bin(1s), @log",
                "filter @type = \"REPORT\" | stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,"
                        + " min(@maxMemoryUsed / 1000 / 1000) as smallestMemoryRequestMB,"
                        + " avg(@maxMemoryUsed / 1000 / 1000) as avgMemoryUsedMB,"
                        + " max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,"
                        + " provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB",
                "stats count(*) by @type, @log",
                "stats count(@duration), count(@requestId), count(@message), count_distinct(@billedDuration) by @type",
                "stats min(@timestamp), max(@timestamp), max(@ingestionTime) by @log",
                "filter @duration > 100 | stats sum(@duration), avg(@duration) by datefloor(@timestamp, 30s)",
                "filter @type = \"REPORT\" | stats count() as n by @log | sort n desc | limit 2",
                "filter not @type = \"REPORT\" | stats count() by @type",
                "filter @type = \"NOPE\" | stats count(), sum(@duration), pct(@duration, 50)",
                "filter @type = \"NOPE\" | stats count() by @log",
                "filter @type = \"REPORT\" | sort @duration desc | limit 100",
                "filter @type = \"REPORT\" | sort @billedDuration asc | limit 7 | fields @requestId, @billedDuration",
                "sort @maxMemoryUsed desc | limit 30",
                "filter @log = \"/aws/lambda/orders\" | sort @initDuration asc | limit 5",
                // the console's query: the newest events
                "fields @timestamp, @message | sort @timestamp desc | limit 20",
                "fields @timestamp, @message, @logStream, @log | sort @timestamp desc | limit 1",
                "filter @type = \"REPORT\" | fields @requestId, @duration | sort @timestamp desc | limit 300",
                "filter @log = \"/aws/lambda/orders\" | sort @timestamp desc",
                "sort @timestamp desc | limit 7 | fields @message",
                "filter @type = \"NOPE\" | sort @timestamp desc | limit 5",
                // the console's query with a filter added after its fields: the filter runs first
                "fields @timestamp, @message | filter @type = \"REPORT\" | sort @timestamp desc | limit 20",
                "fields @timestamp, @message | filter @message like \"Duration\" | sort @timestamp desc | limit 5",
                "filter @type = \"REPORT\" | sort @memorySize desc",
                "filter @type = \"REPORT\" | fields @requestId, @duration, @billedDuration, @log | sort @duration desc"
                        + " | limit 20",
                "fields @maxMemoryUsed / 1000 as mb, @message | display mb | sort @maxMemoryUsed asc | limit 9",
                "filter @type = \"REPORT\" | stats count() as n by @log, bin(1s)",
                // discovered fields: from their terms, and where those do not tell, from the message
                "stats count(*) by level",
                "filter @log = \"/aws/lambda/odd\" | stats count(*) by level",
                "stats count() by level, bin(1h)",
                "stats count(*), max(@timestamp) by ok, @log",
                "stats count(*) by orderId | sort count(*) desc | limit 5",
                "stats count(*) by cart.currency",
                // message patterns: a templated line's shape once per key
                "pattern @message",
                "filter @log = \"/aws/lambda/odd\" | pattern @message",
                "filter @type = \"REPORT\" | pattern @message | sort @sampleCount desc | limit 3",
                "filter @type in [\"START\", \"END\"] | pattern @message | filter @sampleCount > 1",
                "fields @timestamp, @message | filter @log = \"/aws/lambda/odd\" | pattern @message",
                // distinct text values: one numbering of them for every segment
                "stats count_distinct(@requestId) by @log",
                "filter @type = \"REPORT\" | stats count_distinct(@logStream) as instances, count(@logStream) by @log",
                "stats count_distinct(@type), count_distinct(@requestId), count_distinct(@duration) by bin(1h)",
                // a discovered field's numbers: from their terms; booleans, long values and doubtful terms read
                "stats sum(latencyMs), avg(latencyMs), min(latencyMs), max(latencyMs), pct(latencyMs, 90) by @log",
                "filter @log = \"/aws/lambda/odd\" | stats sum(level), avg(level), min(level), max(level), count() by ok",
                "stats avg(ok), sum(level), max(orderId) by bin(1h)",
                "stats avg(latencyMs) by level",
                // a distinct count that keeps only distinct values, and one whose values a percentile shares
                "stats count_distinct(@maxMemoryUsed), count_distinct(@billedDuration), pct(@billedDuration, 90) by @log");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void eachShape_givesTheRowEnginesAnswer(String query) throws IOException {
        assertColumnar(query);
        assertSame(query, T0 - 1000, last + 1000, List.of());
        assertSame(query, T0 + 700, T0 + 2200, List.of("/aws/lambda/orders", "/aws/lambda/odd"));
    }

    @Test
    void randomQueries_giveTheRowEnginesAnswer() throws IOException {
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            int kind = random.nextInt(5);
            String query = kind == 0 ? ColumnarCorpus.topK(random) : kind == 1 ? ColumnarCorpus.newest(random)
                    : ColumnarCorpus.stats(random);
            assertColumnar(query);
            long from = random.nextBoolean() ? T0 - 1000 : T0 + random.nextInt(2500);
            assertSame(query, from, random.nextBoolean() ? last + 1000 : from + random.nextInt(3000), List.of());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.fnlens.collector.query.ColumnarCorpus#rowEngineOnly")
    void otherShapes_goToTheRowEngine(String query) throws IOException {
        Query q = Query.parse(query);
        assertThat(Pushdown.exact(q.pushdownFilters()) && Columnar.supports(q, ExecutionLimits.none())).as(query).isFalse();
        assertSame(query, T0 - 1000, last + 1000, List.of());
    }

    @Test
    void topK_askedAgain_skipsBlocks_andStillGivesTheRowEnginesAnswer() throws IOException {
        // the second run of a filter over segments wholly in the range reads its counts from the segment's facts
        // and visits only the blocks that can still enter the top N
        for (String sort : List.of("@billedDuration desc", "@maxMemoryUsed asc", "@memorySize desc")) {
            for (int n : new int[] {1, 3, 50, 5000}) {
                String query = "filter @type = \"REPORT\" | sort " + sort + " | limit " + n;
                for (int round = 0; round < 3; round++) {
                    assertSame(query, T0 - 1000, last + 1000, List.of());
                    assertSame(query, T0 - 1000, last + 1000, List.of("/aws/lambda/orders"));
                }
            }
        }
    }

    @Test
    void cancelledOrOutOfTime_answersLikeTheRowEngine() throws IOException {
        for (String query : List.of("stats count(*) by bin(5m)", "filter @type = \"REPORT\" | sort @duration desc | limit 3")) {
            QueryResult cancelled = run(columnar, query, ExecutionLimits.none().withCancellation(() -> true));
            assertThat(cancelled).isEqualTo(run(rows, query, ExecutionLimits.none().withCancellation(() -> true)));
            assertThat(cancelled.status()).isEqualTo(QueryStatus.Cancelled);
            assertThat(cancelled.rows()).isEmpty();

            QueryResult late = run(columnar, query, ExecutionLimits.timeout(Duration.ZERO));
            assertThat(late.status()).isEqualTo(QueryStatus.Timeout);
            assertThat(late.rows()).isEmpty();
        }
    }

    private static QueryResult run(QueryService service, String query, ExecutionLimits limits) throws IOException {
        return service.run(Query.parse(query), T0 - 1000, last + 1000, List.of(), limits).result();
    }

    private static void assertColumnar(String query) {
        Query q = Query.parse(query);
        assertThat(Pushdown.exact(q.pushdownFilters()) && Columnar.supports(q, ExecutionLimits.none()))
                .as("the column-wise path takes " + query).isTrue();
    }

    private static void assertSame(String text, long fromMillis, long toMillis, List<String> groups) throws IOException {
        QueryRequest request = new QueryRequest(text, Math.floorDiv(fromMillis, 1000), Math.floorDiv(toMillis, 1000),
                groups, null);
        QueryResult expected = rows.run(request, () -> false).result();
        QueryResult actual = columnar.run(request, () -> false).result();

        assertThat(actual.status()).as(text).isEqualTo(QueryStatus.Complete);
        assertThat(actual.columns()).as(text).isEqualTo(expected.columns());
        assertThat(actual.rows()).as(text).isEqualTo(expected.rows());
        assertThat(actual.statistics()).as(text).isEqualTo(expected.statistics());
    }
}
