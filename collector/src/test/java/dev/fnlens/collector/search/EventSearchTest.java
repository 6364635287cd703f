package dev.fnlens.collector.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.LuceneStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSearchTest {
    private static final long T0 = Instant.parse("2026-01-02T10:00:00Z").toEpochMilli();
    private static final String ID = "8f507cfc-xmpl-4697-b07a-ac58fc914c95";
    private static final String UUID = "5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final String ORDERS = "/aws/lambda/orders";
    private static final String BILLING = "/aws/lambda/billing";

    @TempDir
    Path root;
    private LuceneStore store;
    private LuceneSearch search;

    @BeforeEach
    void index() throws IOException {
        store = LuceneStore.open(root);
        store.add(1, List.of(
                event(T0, ORDERS, "START RequestId: " + ID + " Version: $LATEST"),
                event(T0 + 10, ORDERS, "2026-01-02T10:00:00.010Z\t" + ID + "\tERROR\t"
                        + "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"no stock\"}"),
                event(T0 + 100, ORDERS, "END RequestId: " + ID),
                event(T0 + 100, ORDERS, "REPORT RequestId: " + ID + "\tDuration: 100.00 ms\tBilled Duration: 100 ms")));
        store.add(2, List.of(
                event(T0 + 50, BILLING, "charge accepted"),
                event(T0 + 60_000, BILLING, "REPORT RequestId: b-2\tDuration: 5.00 ms\tBilled Duration: 5 ms"),
                event(T0 + 86_400_000, BILLING, "next day")));
        store.refresh();
        search = new LuceneSearch(store);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void results_areNewestFirst_sameMillisecondInReverseIngestOrder() throws Exception {
        SearchResult r = search(new SearchRequest("", T0, T0 + 3_600_000, List.of(), 100));

        assertThat(r.events()).extracting(LogEvent::message).containsExactly(
                "REPORT RequestId: b-2\tDuration: 5.00 ms\tBilled Duration: 5 ms",
                "REPORT RequestId: " + ID + "\tDuration: 100.00 ms\tBilled Duration: 100 ms",
                "END RequestId: " + ID,
                "charge accepted",
                r.events().get(4).message(),
                "START RequestId: " + ID + " Version: $LATEST");
        assertThat(r.recordsMatched()).isEqualTo(6);
        assertThat(r.partitions()).isEqualTo(1);
    }

    @Test
    void newestMatches_acrossSegmentsAndDays_comeInTheOrderOfASortOverAllMatches() throws Exception {
        // batches written in an order unrelated to their events' times, each its own segment, over two days
        Random random = new Random(7);
        List<long[]> hits = new ArrayList<>(); // {timestamp, seq, idx} of every event with the word
        for (long seq = 10; seq < 40; seq++) {
            List<LogEvent> batch = new ArrayList<>();
            for (int idx = 0; idx < 50; idx++) {
                long ts = T0 + 80_000_000 + random.nextInt(12_000_000) / 1000 * 1000; // same seconds, across midnight
                boolean hit = random.nextInt(3) == 0;
                batch.add(event(ts, ORDERS, (hit ? "throttled " : "fine ") + seq + "/" + idx));
                if (hit) {
                    hits.add(new long[] {ts, seq, idx});
                }
            }
            store.add(seq, batch);
            store.refresh();
        }
        hits.sort(Comparator.<long[]>comparingLong(h -> h[0]).thenComparingLong(h -> h[1])
                .thenComparingLong(h -> h[2]).reversed());

        for (int limit : new int[] {1, 7, 100, hits.size() + 5}) {
            SearchResult r = search(new SearchRequest("throttled", T0, T0 + 200_000_000, List.of(), limit));

            assertThat(r.recordsMatched()).isEqualTo(hits.size());
            assertThat(r.events()).extracting(LogEvent::message).containsExactlyElementsOf(hits.stream()
                    .limit(limit).map(h -> "throttled " + h[1] + "/" + h[2]).toList());
        }
    }

    @Test
    void timeRange_isInclusive_andOnlyTouchesItsDays() throws Exception {
        assertThat(search("", T0 + 10, T0 + 100, List.of()).events()).hasSize(4);
        SearchResult nextDay = search("", T0 + 86_000_000, T0 + 86_500_000, List.of());
        assertThat(nextDay.events()).extracting(LogEvent::message).containsExactly("next day");
        assertThat(search("", T0 + 200_000_000, T0 + 300_000_000, List.of()).partitions()).isZero();
    }

    @Test
    void logGroupFilter_keepsOnlyThoseGroups() throws Exception {
        assertThat(search("", T0, T0 + 3_600_000, List.of(BILLING)).events()).extracting(LogEvent::log).containsOnly(BILLING)
                .hasSize(2);
        assertThat(search("", T0, T0 + 3_600_000, List.of(BILLING, ORDERS)).events()).hasSize(6);
    }

    @Test
    void limit_capsTheEvents_butNotTheMatchCount() throws Exception {
        SearchResult r = search(new SearchRequest("", T0, T0 + 3_600_000, List.of(), 2));

        assertThat(r.events()).hasSize(2);
        assertThat(r.recordsMatched()).isEqualTo(6);
    }

    @Test
    void requestIds_andErrorTypes_areFindable() throws Exception {
        assertThat(count(ID)).isEqualTo(4);
        assertThat(count("\"" + ID + "\"")).isEqualTo(4);
        assertThat(count("@requestId:\"" + ID + "\"")).isEqualTo(4);
        assertThat(count("IllegalStateException")).isEqualTo(1);
        assertThat(count("java.lang.IllegalStateException")).isEqualTo(1);
        assertThat(count("errorType:\"java.lang.IllegalStateException\"")).isEqualTo(1);
    }

    @Test
    void xrayIds_areFindable_whole_inPieces_andByField() throws Exception {
        String trace = "1-5b8efff7-98038103d269b633813fc60c";
        String report = "REPORT RequestId: " + UUID + "\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 60 MB\tStatus: success\tXRAY TraceId: " + trace + "\tSegmentId: eee19b7ec3c1b174"
                + "\tSampled: true";
        store.add(3, List.of(event(T0 + 200, ORDERS, report), event(T0 + 300, BILLING, "calling with trace " + trace)));
        store.refresh();

        assertThat(count(trace)).isEqualTo(2);
        assertThat(count("\"" + trace + "\"")).isEqualTo(2);
        assertThat(count("98038103d269b633813fc60c")).isEqualTo(2);
        assertThat(count("eee19b7ec3c1b174")).isEqualTo(1);
        assertThat(count("@xrayTraceId:\"" + trace + "\"")).isEqualTo(1);
        assertThat(count("@xrayTraceId:1-5b8efff7*")).isEqualTo(1);
        assertThat(count("@xraySegmentId:eee1*b174")).isEqualTo(1);
        assertThat(count("@xraySegmentId:eee1*b175")).isZero();
        assertThat(search("eee19b7ec3c1b174", T0, T0 + 3_600_000, List.of()).events()).extracting(LogEvent::message)
                .containsExactly(report);
    }

    @Test
    void jsonValuesThatAreIdsOrSentences_areFoundByField_thoughOnlyTheMessageIndexesThem() throws Exception {
        String powertools = "{\"level\":\"INFO\",\"message\":\"Fetched 23 items from table orders\","
                + "\"function_request_id\":\"" + UUID + "\",\"service\":\"orders\"}";
        store.add(3, List.of(event(T0 + 200, ORDERS, powertools),
                event(T0 + 300, ORDERS, "2026-01-02T10:00:00.300Z\t" + UUID + "\tINFO\tFetched 23 items from table orders"),
                event(T0 + 400, ORDERS, "{\"message\":\"Fetched 23 items from table orders, then more\"}")));
        store.refresh();

        assertThat(count("function_request_id:\"" + UUID + "\"")).isEqualTo(1);
        assertThat(count("message:\"Fetched 23 items from table orders\"")).isEqualTo(1);
        assertThat(count("service:orders")).isEqualTo(1);
        assertThat(count(UUID)).isEqualTo(2);
        // the start of such a value, cut anywhere, also by field
        assertThat(count("function_request_id:" + UUID.substring(0, 8) + "*")).isEqualTo(1);
        assertThat(count("function_request_id:" + UUID.substring(0, 11) + "*")).isEqualTo(1);
        assertThat(count("message:Fetched*")).isEqualTo(2);
        assertThat(count("function_request_id:" + UUID.substring(1, 8) + "*")).isZero();
        assertThat(count("service:ord*")).isEqualTo(1);
    }

    @Test
    void queries_useLambdaFields_andAndTermsByDefault() throws Exception {
        assertThat(count("@type:REPORT")).isEqualTo(2);
        assertThat(count("@duration:[50 TO *]")).isEqualTo(1);
        assertThat(count("@duration:5")).isEqualTo(1);
        assertThat(count("charge accepted")).isEqualTo(1);
        assertThat(count("charge refused")).isZero();
        assertThat(count("charge OR stock")).isEqualTo(2);
        assertThat(count("STOCK")).isEqualTo(1);
    }

    @Test
    void platformLinesRebuiltFromTheirFields_areFoundByTheirWordsAndPhrases_thoughTheyHaveNoMessageTerms() throws Exception {
        assertThat(count("billed")).isEqualTo(2);
        assertThat(count("\"Billed Duration: 100 ms\"")).isEqualTo(1);
        assertThat(count("\"Duration: 5.00\"")).isEqualTo(1);
        assertThat(count("\"ms Billed\"")).isEqualTo(2);
        assertThat(count("\"Duration Billed\"")).isZero();
        assertThat(count("\"Version: $LATEST\"")).isEqualTo(1);
        assertThat(count("Bil*")).isEqualTo(2);
        assertThat(count("report AND NOT \"100 ms\"")).isEqualTo(1);
        assertThat(count("xmpl")).as("the request id's words, not a compact id").isEqualTo(4);
    }

    @Test
    void aSearchOfManyWords_isAnswered_thoughEachWordAlsoAsksTheTemplatedLines() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            words.add("w" + i);
        }
        words.add("accepted");
        words.add("billed");
        assertThat(count(String.join(" OR ", words))).as("'charge accepted' and both REPORT lines").isEqualTo(3);
        for (int i = 0; i < 1_000; i++) {
            words.add("x" + i);
        }
        assertThatThrownBy(() -> count(String.join(" OR ", words)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("query too broad");
    }

    @Test
    void syntaxError_isAnInvalidQuery_withTheParsersMessage() {
        assertThatThrownBy(() -> count("(unbalanced")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("Cannot parse");
        assertThatThrownBy(() -> count("@duration:fast")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("@duration expects a number");
    }

    @Test
    void functions_listEachLogGroup_withEventsAndInvocations() throws Exception {
        assertThat(search.functions()).containsExactly(
                new FunctionStat(BILLING, "billing", 3, 1),
                new FunctionStat(ORDERS, "orders", 4, 1));
    }

    private long count(String q) throws Exception {
        return search(q, T0, T0 + 3_600_000, List.of()).recordsMatched();
    }

    private SearchResult search(String q, long from, long to, List<String> groups) throws Exception {
        return search(new SearchRequest(q, from, to, groups, 100));
    }

    private SearchResult search(SearchRequest request) throws Exception {
        return search.search(request);
    }

    private static LogEvent event(long ts, String group, String message) {
        return LogEvent.of(ts, ts, group, "stream-1", message);
    }
}
