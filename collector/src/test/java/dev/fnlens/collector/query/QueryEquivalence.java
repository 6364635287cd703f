package dev.fnlens.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.testdata.LambdaEvents;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every store must show: queries answered through it (partitions, pushdown, its own
 * columns and order) give exactly what the engine gives over the same events in memory. A store's
 * test extends this with how events get in ({@link #add}, {@link #flush}) and its {@link QueryService}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class QueryEquivalence {
    /** Just before midnight, so the events fill two day partitions. */
    private static final long T0 = Instant.parse("2026-01-02T23:59:59.200Z").toEpochMilli();
    private static final String KNOWN_ID = "5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final String TRACE_ID = "1-5b8efff7-98038103d269b633813fc60c";
    private static final String UPPER_ID = "5F0E5A3C-1B2D-4E6F-8A9B-0C1D2E3F4A5B";
    private static final String STREAM = "2026/01/02/[$LATEST]0123456789abcdef0123456789abcdef";

    protected QueryService service;
    /** In ingest order: (event, seq, idx). */
    private final List<Stored> stored = new ArrayList<>();
    private long last;

    record Stored(LogEvent event, long seq, int idx) {
    }

    /** Opens the store under test; answers the service that queries it. */
    protected abstract QueryService open() throws IOException;

    /** Stores the events of write-ahead log record {@code seq}. */
    protected abstract void store(long seq, List<LogEvent> events) throws IOException;

    /** Makes every stored event searchable. */
    protected abstract void flush() throws IOException;

    @BeforeAll
    void index() throws IOException {
        service = open();
        LambdaEvents gen = new LambdaEvents(7, T0);
        long seq = 0;
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            batch.addAll(gen.nextInvocation());
            if (i % 7 == 0) {
                add(++seq, batch);
                batch = new ArrayList<>();
            }
            if (i % 300 == 0) {
                flush(); // several segments per day
            }
        }
        batch.addAll(oddEvents(T0 + 900));
        add(++seq, batch);
        flush();
        last = stored.stream().mapToLong(s -> s.event().timestamp()).max().orElseThrow();
    }

    private void add(long seq, List<LogEvent> events) throws IOException {
        store(seq, events);
        for (int i = 0; i < events.size(); i++) {
            stored.add(new Stored(events.get(i), seq, i));
        }
    }

    /** Lines the generator does not write: other shapes of platform lines, ids that are not UUIDs, odd text. */
    private static List<LogEvent> oddEvents(long t) {
        String[] messages = {
            "START RequestId: " + KNOWN_ID + " Version: 7",
            "START RequestId: " + KNOWN_ID + " Version: $LATEST",
            "2026-01-03T00:00:00.100Z\t" + KNOWN_ID + "\tINFO\tcalling 8f507cfc-b2c4-4697-b07a-ac58fc914c95 now",
            "2026-01-03T00:00:00.100Z\t" + KNOWN_ID + "\tWARN\t{\"level\":\"WARN\",\"ok\":true,\"n\":5,\"x\":5.0,\"s\":\"5\"}",
            "END RequestId: " + KNOWN_ID,
            "REPORT RequestId: " + KNOWN_ID + "\tDuration: 1234.5 ms\tBilled Duration: 1235 ms\tMemory Size: 128 MB"
                    + "\tMax Memory Used: 128 MB\tInit Duration: 0.50 ms\tStatus: timeout\t\nXRAY TraceId: 1-5e7d-abc\tSegmentId: 42ff\tSampled: true",
            "REPORT RequestId: r-1\tDuration: 0.1 ms\tBilled Duration: 1 ms\tMemory Size: 3008 MB\tMax Memory Used: 1 MB",
            "REPORT RequestId: " + KNOWN_ID + "\tDuration: 12.50 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB"
                    + "\tMax Memory Used: 90 MB\tStatus: success\tTrigger: aws:sqs\tXRAY TraceId: " + TRACE_ID
                    + "\tSegmentId: eee19b7ec3c1b174\tSampled: true",
            "2026-01-03T00:00:00.300Z\t" + KNOWN_ID + "\tINFO\tcalling billing in trace " + TRACE_ID,
            // Powertools-style: ids, a timestamp and a sentence as values, one of them escaped in the line
            "{\"timestamp\":\"2026-01-03T00:00:00.400Z\",\"level\":\"INFO\",\"message\":\"Fetched 23 items from table orders\","
                    + "\"function_request_id\":\"" + KNOWN_ID + "\",\"xray_trace_id\":\"" + TRACE_ID + "\","
                    + "\"note\":\"said \\\"hi\\\" to everyone here\"}",
            "{\"timestamp\":\"2026-01-03T00:00:00.500Z\",\"level\":\"INFO\",\"message\":\"Fetched 23 items from table orders and more\","
                    + "\"function_request_id\":\"6f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b\"}",
            "2026-01-03T00:00:00.600Z\t" + KNOWN_ID + "\tINFO\tFetched 23 items from table orders",
            "START RequestId: " + UPPER_ID + " Version: $LATEST",
            "END RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95",
            "prefix" + KNOWN_ID + " glued to text",
            "2026-01-03T00:00:00.200Z " + KNOWN_ID + " Task timed out after 3.00 seconds",
            "INIT_START Runtime Version: java:17.v40\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:abc",
            "Ünïcödé line with ß and 数字 42",
            "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"no stock\",\"stackTrace\":[]}",
            // values too long for a term, one under a key written with an escape, one deep in an array
            "{\"errorType\":\"Big\",\"errorMessage\":\"" + "line\\n".repeat(60) + "\",\"deep\":{\"items\":[{\"id\":\""
                    + "x".repeat(300) + "\"}]}}",
            "{\"err\\u006frKey\":\"" + "y\\\"".repeat(200) + "\"}",
            // a number whose term is not how the engine writes it; a long value written with escapes
            "{\"acct\":1234567890123456}", // a number that looks like an id: no term, the message holds it
            "{\"big\":1e21,\"longText\":\"" + "caf\\u00e9 ".repeat(60) + "\"}",
            "",
        };
        List<LogEvent> events = new ArrayList<>();
        for (String m : messages) {
            events.add(LogEvent.of(t, t + 7, "/aws/lambda/odd", STREAM, m));
        }
        return events;
    }

    List<String> queries() {
        return List.of(
                // the AWS documentation's examples
                "filter @type = \"REPORT\" | stats avg(@duration), max(@duration), min(@duration) by bin(5m)",
                "filter @type = \"REPORT\" and ispresent(@initDuration) | stats count() as coldStarts, avg(@initDuration) by bin(5m)",
                "filter @type = \"REPORT\" | fields @requestId, @billedDuration | sort by @billedDuration desc | limit 100",
                "filter @message like /Task timed out/ | stats count() by bin(30m)",
                "filter @type = \"REPORT\" | stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,"
                        + " min(@maxMemoryUsed / 1000 / 1000) as smallestMemoryRequestMB,"
                        + " avg(@maxMemoryUsed / 1000 / 1000) as avgMemoryUsedMB,"
                        + " max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,"
                        + " provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB",
                // the console's default and other everyday ones
                "fields @timestamp, @message, @logStream, @log | sort @timestamp desc | limit 20",
                "fields @timestamp, @message",
                "stats count(*) by @type, @log",
                "filter @message like \"cart updated\" | stats count() by @log",
                "filter level = \"WARN\" | fields @timestamp, orderId, cart.items, ok",
                "filter @requestId = \"" + KNOWN_ID + "\" | fields @timestamp, @message, @type",
                "filter @requestId = \"r-1\" or @requestId = \"" + UPPER_ID + "\"",
                "filter @duration > 100 and @duration <= 250.5 | stats count(), sum(@duration), pct(@duration, 99) by @log",
                "filter @duration = 1234.5 or @billedDuration = 1",
                "filter not @type = \"REPORT\" | stats count() by @type",
                "filter @type != \"START\" | limit 50",
                "filter @type in [\"START\", \"END\"] and @log = \"/aws/lambda/orders\" | stats count() by bin(1s)",
                "filter @type not in [\"START\", \"END\", \"REPORT\"] | fields @message",
                "filter @message like /(?i)ERROR/ | fields @message",
                "filter errorType = \"java.lang.IllegalStateException\" | display @requestId, errorMessage",
                "parse @message \"Duration: * ms\" as d | filter d > 100 | stats count()",
                "filter @message =~ /order \\d+ for customer c-1\\d/ | stats count() by @log",
                "filter @message like \"8f507cfc\" | fields @message",
                "filter @message like \"Memory Size: 512 MB\" | stats count()", // 512: hex, but no whole piece of an id
                // answered by the index alone: in the fixed text of a shape, across values, inside a number or an id
                "filter @message like /Init Duration/ | stats count() by @log",
                "filter @message like \"Duration: 1\" | stats count()",
                "filter @message like \"0 ms\tBilled Duration: 1\" | stats count()",
                "filter @message like \"5 ms\" and @message not like \"Init\" | stats count()",
                "filter @message like \"RequestId: \" | stats count() by @type",
                "filter @message like \"-8a9b-\" or @message like \"ccess\tTrigger: aws:s\" | fields @message",
                "filter @message not like /Max Memory Used/ | stats count()",
                "filter @message like \" 4697-b07a \" or @message like \"-4697-b07a-ac58\" | fields @message",
                "filter @message like \"" + KNOWN_ID + "\" | fields @message",
                "filter @message like \"RequestId: " + KNOWN_ID + "\" | fields @message",
                "filter @message like \"" + KNOWN_ID.substring(3, 17) + "\" | fields @message",
                "filter @message like /e6f-8a9b/ | fields @message",
                "filter @message like \"glued\" or @message like \"prefix5f0e\"",
                "filter @requestId like /^5f0e/ | stats count()",
                "filter @requestId like \"-4e6f-\" | stats count() by @type",
                "filter ok = \"true\" | fields n, x, s",
                "filter n = 5 and s = 5 and x = \"5\" | fields @message",
                "filter @xrayTraceId like \"1-5e7d\" | fields @xraySegmentId, @status",
                "filter @xrayTraceId = \"" + TRACE_ID + "\" | fields @requestId, @xraySegmentId, @message",
                "filter @xraySegmentId in [\"eee19b7ec3c1b174\", \"42ff\"] | fields @xrayTraceId",
                "filter @xraySegmentId != \"42ff\" | stats count() by @xraySegmentId",
                "filter @message like \"98038103d269b633813fc60c\" | fields @message",
                "filter @message like \"" + TRACE_ID.substring(0, 19) + "\" | fields @message",
                "filter @message like \"TraceId: " + TRACE_ID + "\" | fields @message",
                "filter @message like /eee19b7e/ | fields @message",
                "filter @xrayTraceId like /^1-5b8e/ | stats count()",
                "filter ispresent(@xrayTraceId) | stats count() by @xrayTraceId",
                "filter @status = \"timeout\" | fields @requestId",
                "filter function_request_id = \"" + KNOWN_ID + "\" | fields @message",
                "filter xray_trace_id = \"" + TRACE_ID + "\" | fields function_request_id, @xrayTraceId",
                "filter message = \"Fetched 23 items from table orders\" | fields @message",
                "filter timestamp = \"2026-01-03T00:00:00.400Z\" | fields level",
                "filter note = 'said \"hi\" to everyone here' | fields @message",
                "filter function_request_id in [\"6f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b\", \"nope\"] | fields message",
                "filter message != \"Fetched 23 items from table orders\" and ispresent(message) | stats count()",
                "filter ispresent(@initDuration) or @duration > 500 | stats count()",
                "filter @maxMemoryUsed / @memorySize > 0.3 | stats count()",
                "filter @message not like /INFO/ | stats count()",
                "fields strlen(@message) as n | stats max(n), sum(n), count()",
                "stats earliest(@message), latest(@requestId), count_distinct(@requestId) by @log",
                "dedup @logStream | fields @logStream, @timestamp",
                "filter @timestamp >= " + (T0 + 500) + " and @ingestionTime < " + (T0 + 1000) + " | stats count()",
                "filter @message like \"Ünïcödé\" or @message like \"数字\"",
                "filter @message = \"\" | stats count()",
                "filter @type = \"INIT_START\" | fields @message",
                "filter @message like /^START.*Version: 7$/",
                "filter @message like /Duration: 1\\d{2}\\.\\d+ ms/ | stats count()",
                "filter @message like /a|b/ | stats count()",
                // ispresent of discovered fields: their terms, or the name of a value without one
                "filter ispresent(errorType) | fields @timestamp, @log, errorType, errorMessage | sort @timestamp desc | limit 100",
                "filter ispresent(errorMessage) | stats count() as n by errorType",
                "filter ispresent(errorKey) | stats count()",
                "filter ispresent(deep.items.0.id) | fields @message",
                "filter ispresent(level) | stats count() by level",
                "filter not ispresent(errorType) | stats count()",
                "filter ispresent(stackTrace) or ispresent(note) | stats count()",
                // like on discovered fields: the terms that contain the text, and the values without a term
                "filter errorType like /Exception/ | stats count() by errorType",
                "filter errorType like \"IllegalState\" and errorMessage like \"stock\" | fields @message",
                "filter level like \"AR\" | fields level",
                "filter errorMessage like \"line\" | stats count()", // too long for a term
                "filter deep.items.0.id like /x{3}/ | stats count()",
                "filter errorKey like /y\"y/ | stats count()", // too long, and escaped in the message
                "filter note like \"hi\" | fields note",
                "filter message like \"orders and\" | fields message", // a sentence the message holds
                "filter n like \"5\" or s like \"5\" or x like \"5\" | fields n, s, x", // a number, a string, 5.0
                "filter ok like /ru/ | fields ok",
                "filter orderId like /^1/ | stats count()",
                "filter big like \"000\" | fields big", // its term is 1.0E21
                "filter longText like \"café\" | stats count()", // caf\u00e9 in the message
                // discovered fields compared with numbers: numbers, booleans and numeric strings compare by value
                "filter n > 4 and s >= 5 and x <= 5 | fields n, s, x",
                "filter s = 5 or x = \"5\" or n = \"5.0\" | fields s, x, n",
                "filter ok = 1 | stats count()",
                "filter ok < 1 | stats count() by level",
                "filter big >= 1e20 | fields big",
                "filter orderId >= 50000 | stats count()",
                "filter latencyMs < 10.5 | stats count(), max(latencyMs)",
                "filter cart.items <= 2 and level = \"INFO\" | stats count() by cart.items",
                "filter level > 5 | stats count()", // text does not compare with a number
                "filter n != 5 | fields n",
                "filter errorKey > 0 | stats count()",
                "filter acct > 5 | fields acct",
                // alternations: the union of their branches
                "filter @message like /Task timed out|cart updated/ | stats count() by @log",
                "filter @message not like /START|END|REPORT/ | stats count() by @type",
                "filter @message like /(?i)(task TIMED out|CART)/ | stats count()",
                "filter @message like /(?:Init Duration|Status: timeout)/ | fields @message",
                "filter @message like /Init Duration|Max Memory Used: \\d+ MB/ | stats count()",
                "filter @message like /Init Duration|/ | stats count()",
                "filter @message like /(Duration|Memory Size): 1/ | stats count()",
                "fields @timestamp, @message | filter @message like /ERROR|WARN/ | sort @timestamp desc | limit 5",
                "filter @billedDuration >= 1235 | fields @message",
                "pattern @message",
                // aggregations a store may answer by itself (columns, OpenSearch aggregations)
                "stats count()",
                "filter @type = \"REPORT\" | stats count(*) as n, count(@initDuration) as cold by bin(1m)",
                "filter @type = \"REPORT\" | stats pct(@duration, 50), pct(@duration, 99), count_distinct(@duration),"
                        + " avg(@duration), sum(@duration) by @log | sort @log",
                "filter @type = \"REPORT\" and @log = \"/aws/lambda/orders\" | stats min(@maxMemoryUsed),"
                        + " max(@maxMemoryUsed) by @logStream, bin(30s)",
                "filter @duration > 200 | stats count() as slow by @log | sort slow desc | limit 2",
                "filter @type = \"REPORT\" | stats sum(ispresent(@initDuration)) / count(*) as coldShare by bin(5m)",
                "filter @type = \"REPORT\" | stats count() as invocations, count(@initDuration) as coldStarts,"
                        + " avg(@initDuration) as avgInit, pct(@duration, 50) as p50, pct(@duration, 95) as p95,"
                        + " max(@maxMemoryUsed) as maxMemoryUsed, max(@memorySize) as memorySize,"
                        + " sum(@billedDuration * @memorySize) as billedByteMs by @log",
                "stats count_distinct(@requestId) as n, min(@maxMemoryUsed / @memorySize) by @type, datefloor(@timestamp, 1m)",
                // newest-first windows (LuceneQueries.sortsNewestFirst): same answers, ties included
                "sort @timestamp desc | limit 50",
                "fields @timestamp, @message | sort @timestamp desc | limit 100",
                "filter @type = \"REPORT\" | fields @requestId | sort @timestamp desc, @requestId | dedup @logStream",
                "parse @message \"RequestId: *\" as rid | sort @timestamp desc | limit 30",
                "fields @duration as @timestamp | sort @timestamp desc | limit 10",
                "sort @timestamp desc | stats count() by @type",
                // only the first or last events matter (a store may read just those)
                "filter @type = \"START\" | sort @timestamp asc | limit 7",
                "filter @log = \"/aws/lambda/odd\" | fields @message, @type | sort @timestamp desc, @type asc | limit 3",
                "filter @type = \"REPORT\" | display @requestId, @duration | limit 15",
                "fields @timestamp, @logStream",
                "sort @duration desc | limit 20",
                "filter @type = \"REPORT\" | fields @requestId, @maxMemoryUsed | sort @maxMemoryUsed asc, @requestId desc"
                        + " | limit 7",
                "sort @initDuration desc | limit 300",
                "fields @duration * 2 as @duration | sort @duration desc | limit 5");
    }

    @ParameterizedTest
    @MethodSource("queries")
    void representativeQueries_giveTheEnginesAnswer(String query) throws IOException {
        assertSame(query, T0 - 1000, last + 1000, List.of());
    }

    @Test
    void timeRangeAndLogGroups_narrowLikeTheEngine() throws IOException {
        for (String q : List.of("stats count() by @log", "fields @message | limit 10000", "filter @type = \"REPORT\"")) {
            assertSame(q, T0 + 800, T0 + 1200, List.of());
            assertSame(q, T0 - 1000, last, List.of("/aws/lambda/orders", "/aws/lambda/odd"));
        }
    }

    @Test
    void randomFilters_giveTheEnginesAnswer() throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            String filter = randomCondition(random, 2);
            String tail = random.nextBoolean() ? " | stats count() as n, sum(@duration) as d"
                    : " | fields @timestamp, @message, @requestId | limit 10000";
            assertSame("filter " + filter + tail, T0 - 1000, last + 1000, List.of());
        }
    }

    @Test
    void leadingFilters_narrowWhatTheEngineReads() throws IOException {
        long all = stored.size();
        assertThat(scanned("stats count()")).isEqualTo(all);
        assertThat(scanned("filter @requestId = \"" + KNOWN_ID + "\"")).isEqualTo(countOf(KNOWN_ID));
        assertThat(scanned("filter @type = \"REPORT\" and @duration > 100")).isEqualTo(
                stored.stream().filter(s -> s.event().fields().get("@duration") instanceof Double d && d > 100).count());
        assertThat(scanned("filter @message like \"cart updated\"")).isLessThan(all / 3);
        assertThat(scanned("filter @message like /Task timed out after \\d+/")).isLessThan(all / 20);
        assertThat(scanned("filter @message like /Task timed out|cart updated/")).isLessThan(all / 3);
        assertThat(scanned("filter @message like /(?i)(task timed out|Cart Updated)/")).isLessThan(all / 3);
        assertThat(scanned("filter level = \"WARN\" or @type = \"START\"")).isLessThan(all / 2);
        assertThat(scanned("filter not @type = \"REPORT\"")).isLessThan(all);
        assertThat(scanned("filter @message like \"" + KNOWN_ID + "\"")).isLessThan(all / 20);
    }

    private long countOf(String requestId) {
        return stored.stream().filter(s -> requestId.equals(s.event().fields().get("@requestId"))).count();
    }

    protected long scanned(String query) throws IOException {
        return service.run(new QueryRequest(query, T0 / 1000 - 10, last / 1000 + 10, List.of(), null), () -> false)
                .result().statistics().recordsScanned();
    }

    @Test
    void aRangeWithoutPartitions_opensNone() throws IOException {
        long before = service.partitionsOpened();
        QueryAnswer answer = service.run(new QueryRequest("stats count()", 0, 1000, List.of(), null), () -> false);

        assertThat(answer.partitionsSearched()).isZero();
        assertThat(service.partitionsOpened()).isEqualTo(before);
        assertThat(answer.result().rows()).hasSize(1);
        assertThat(answer.result().statistics().recordsScanned()).isZero();
    }

    @Test
    void aRangeWithinOneDay_opensOnlyThatDay() throws IOException {
        long day2 = Instant.parse("2026-01-03T00:00:00Z").getEpochSecond();
        QueryAnswer answer = service.run(new QueryRequest("stats count()", day2, day2 + 60, List.of(), null), () -> false);

        assertThat(answer.partitionsSearched()).isEqualTo(1);
    }

    @Test
    void invocation_isEveryEventOfTheRequest_inTimeOrder() throws IOException {
        List<LogEvent> events = service.invocation(KNOWN_ID);

        List<LogEvent> expected = inOrder().stream().map(Stored::event)
                .filter(e -> KNOWN_ID.equals(e.fields().get(LogEvent.REQUEST_ID))).toList();
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(events).containsExactlyElementsOf(expected);
        assertThat(service.invocation("no-such-id")).isEmpty();
    }

    private String randomCondition(Random random, int depth) {
        if (depth > 0 && random.nextInt(3) == 0) {
            String op = random.nextBoolean() ? " and " : " or ";
            return "(" + randomCondition(random, depth - 1) + op + randomCondition(random, depth - 1) + ")";
        }
        if (depth > 0 && random.nextInt(8) == 0) {
            return "not " + randomCondition(random, depth - 1);
        }
        LogEvent e = stored.get(random.nextInt(stored.size())).event();
        String m = e.message();
        return switch (random.nextInt(16)) {
            case 0 -> "@type " + (random.nextBoolean() ? "=" : "!=") + " " + quote(String.valueOf(e.fields().get("@type")));
            case 1 -> "@log in [" + quote(e.log()) + ", \"/aws/lambda/users\"]";
            case 2 -> "@duration " + List.of(">", "<", ">=", "<=", "=").get(random.nextInt(5)) + " "
                    + (random.nextInt(30000) / 100.0);
            case 3, 4, 5 -> "@message like " + quote(substring(random, m));
            case 6 -> "@message like /" + Pattern.quote(substring(random, m)).replace("/", "\\/") + "/";
            case 7 -> "@message like /" + regexOf(random, substring(random, m)) + "/";
            case 8 -> "ispresent(" + List.of("@initDuration", "@requestId", "@type", "level", "errorMessage", "orderId")
                    .get(random.nextInt(6)) + ")";
            case 9 -> "@requestId = " + quote(String.valueOf(e.fields().getOrDefault("@requestId", UUID.randomUUID())));
            case 10 -> "@logStream = " + quote(e.logStream());
            case 12 -> "@message like /" + alternation(random, false) + "/";
            case 13 -> "@message " + (random.nextBoolean() ? "" : "not ") + "like /(?i)(" + alternation(random, true) + ")/";
            case 14 -> discoveredLike(random, e);
            case 15 -> discoveredCompared(random, e);
            default -> "@requestId like " + quote(substring(random, String.valueOf(e.fields().getOrDefault("@requestId", "x"))));
        };
    }

    /** One of the event's discovered fields (or errorType) like a piece of its value, as text or as a regex. */
    private static String discoveredLike(Random random, LogEvent e) {
        List<String> names = e.fields().keySet().stream().filter(n -> !n.startsWith("@") && n.indexOf('`') < 0).toList();
        if (names.isEmpty()) {
            return "errorType like \"Exception\"";
        }
        String name = names.get(random.nextInt(names.size()));
        String piece = substring(random, String.valueOf(e.fields().get(name)));
        return "`" + name + "` like " + (random.nextBoolean() ? quote(piece) : "/" + regexOf(random, piece) + "/");
    }

    /** One of the event's discovered fields with a number value (or orderId) compared with a number near it. */
    private static String discoveredCompared(Random random, LogEvent e) {
        List<String> names = e.fields().keySet().stream()
                .filter(n -> !n.startsWith("@") && n.indexOf('`') < 0 && e.fields().get(n) instanceof Number).toList();
        String name = names.isEmpty() ? "orderId" : names.get(random.nextInt(names.size()));
        double near = names.isEmpty() ? random.nextInt(100_000) : ((Number) e.fields().get(name)).doubleValue();
        double v = random.nextBoolean() ? near : Math.floor(near) + random.nextInt(3) - 1;
        return "`" + name + "` " + List.of("=", "<", "<=", ">", ">=", "!=").get(random.nextInt(6)) + " " + v;
    }

    /** Two or three substrings of messages as the branches of a regex, their regex characters escaped. */
    private String alternation(Random random, boolean mixedCase) {
        StringBuilder re = new StringBuilder();
        for (int b = 2 + random.nextInt(2); b > 0; b--) {
            String text = substring(random, stored.get(random.nextInt(stored.size())).event().message());
            for (char c : text.toCharArray()) {
                char cased = mixedCase && random.nextBoolean() ? Character.toUpperCase(c) : c;
                re.append("\\^$.|?*+()[]{}/".indexOf(c) >= 0 ? "\\" : "").append(cased);
            }
            re.append(b > 1 ? "|" : "");
        }
        return re.toString().replace("\n", "\\n").replace("\t", "\\t");
    }

    /** A regex from text: some characters become '.', some get a '?', '+' or '*'. */
    private static String regexOf(Random random, String text) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String lit = Character.isLetterOrDigit(c) || c == ' ' ? String.valueOf(c) : Pattern.quote(String.valueOf(c));
            int r = random.nextInt(20);
            re.append(r == 0 ? "." : lit).append(r == 1 ? "?" : r == 2 ? "+" : r == 3 ? "*" : "");
        }
        return re.toString().replace("/", "\\/");
    }

    private static String substring(Random random, String s) {
        if (s.isEmpty()) {
            return "";
        }
        int start = random.nextInt(s.length());
        int end = Math.min(s.length(), start + 1 + random.nextInt(24));
        return s.substring(start, end);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    private List<Stored> inOrder() {
        List<Stored> sorted = new ArrayList<>(stored);
        sorted.sort(Comparator.comparingLong((Stored s) -> s.event().timestamp()).thenComparingLong(Stored::seq)
                .thenComparingInt(Stored::idx));
        return sorted;
    }

    private void assertSame(String text, long fromMillis, long toMillis, List<String> groups) throws IOException {
        long startSec = Math.floorDiv(fromMillis, 1000);
        long endSec = Math.floorDiv(toMillis, 1000);
        Set<String> groupSet = Set.copyOf(groups);
        List<LogEvent> events = inOrder().stream().map(Stored::event)
                .filter(e -> e.timestamp() >= startSec * 1000 && e.timestamp() <= endSec * 1000 + 999)
                .filter(e -> groupSet.isEmpty() || groupSet.contains(e.log()))
                .toList();
        QueryResult expected = Query.parse(text).execute(events);
        QueryResult actual = service.run(new QueryRequest(text, startSec, endSec, groups, null), () -> false).result();

        assertThat(actual.status()).as(text).isEqualTo(QueryStatus.Complete);
        assertThat(actual.columns()).as(text).isEqualTo(expected.columns());
        assertThat(actual.rows()).as(text).isEqualTo(expected.rows());
        assertThat(actual.statistics().recordsMatched()).as(text).isEqualTo(expected.statistics().recordsMatched());
    }
}
