package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneStoreTest {
    private static final long DAY1 = Instant.parse("2026-01-02T10:00:00Z").toEpochMilli();
    private static final long DAY2 = Instant.parse("2026-01-03T10:00:00Z").toEpochMilli();

    @TempDir
    Path root;

    @Test
    void aSearch_waitsForARefreshUnderWay_atMostASecond() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            StuckRefresh refresh = StuckRefresh.withAnEventBuffered(store, root, DAY1);
            long t0 = System.nanoTime();

            int seen = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (Snapshot during = store.snapshotAll()) {
                    return during.searcher().count(new MatchAllDocsQuery());
                }
            });

            long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(seen).as("the view before the refresh under way").isEqualTo(1);
            assertThat(waitedMillis).isGreaterThanOrEqualTo(LuceneStore.SEARCH_REFRESH_WAIT.toMillis() - 50);
            long t1 = System.nanoTime();
            try (Snapshot shortWait = store.snapshot(DAY1, DAY1, Duration.ofMillis(100))) {
                assertThat(shortWait.searcher().count(new MatchAllDocsQuery())).isEqualTo(1);
            }
            assertThat((System.nanoTime() - t1) / 1_000_000).as("a query's shorter wait")
                    .isBetween(50L, LuceneStore.SEARCH_REFRESH_WAIT.toMillis() - 1);
            refresh.close();
            store.add(3, List.of(event(DAY1, "c")));
            try (Snapshot after = store.snapshotAll()) {
                assertThat(after.searcher().count(new MatchAllDocsQuery())).as("what was added before the search")
                        .isEqualTo(3);
            }
        }
    }

    @Test
    void aQueryWaitsForTheNewestEvents_halfItsLimit_atMostASecond() {
        assertThat(LuceneStore.refreshWait(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(500));
        assertThat(LuceneStore.refreshWait(Duration.ofSeconds(30))).isEqualTo(LuceneStore.SEARCH_REFRESH_WAIT);
    }

    @Test
    void indexingGivesWayToARefreshUnderWay_helpingItFlush_thenWaitingForItsEnd() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            try (StuckRefresh refresh = StuckRefresh.withAnEventBuffered(store, root, DAY1)) {
                long[] gaveWayTo = new long[1];
                Thread indexing = new Thread(() -> {
                    try {
                        gaveWayTo[0] = store.giveWayToRefresh(0, Duration.ofHours(1).toNanos());
                    } catch (IOException | InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                indexing.start();

                assertThat(refresh.awaitFlush()).as("segments: the buffered event flushed while the refresh is stuck")
                        .isEqualTo(1);
                assertThat(indexing.isAlive()).as("waiting for the refresh").isTrue();
                refresh.close();
                indexing.join(10_000);

                assertThat(indexing.isAlive()).as("gone on once the refresh ended").isFalse();
                assertThat(gaveWayTo[0]).as("the refreshes begun, for the next call").isPositive();
            }
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> store.giveWayToRefresh(0, Duration.ofHours(1).toNanos())))
                    .as("no refresh under way: nothing to wait for").isZero();
        }
    }

    @Test
    void indexingWaitsForARefreshThatDoesNotEnd_atMostTheWaitGiven_andOnce() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            try (StuckRefresh refresh = StuckRefresh.withAnEventBuffered(store, root, DAY1)) {
                long t0 = System.nanoTime();
                long gaveWayTo = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> store.giveWayToRefresh(0, Duration.ofMillis(200).toNanos()));
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(190);

                assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> store.giveWayToRefresh(gaveWayTo, Duration.ofHours(1).toNanos())))
                        .as("the same refresh, still under way: waited for once").isEqualTo(gaveWayTo);
            }
        }
    }


    @Test
    void replayAfterACrash_addsOnlyWhatNoCommitCovers() throws IOException {
        // given: records 1 and 2 committed, record 3 indexed but not committed, then a crash
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a"), event(DAY2, "b")));
            store.add(2, List.of(event(DAY1, "c")));
            store.commit(2);
            store.add(3, List.of(event(DAY1, "d"), event(DAY2, "e")));
        } // close does not commit

        // when: the write-ahead log is replayed from the start
        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.maxCommittedSeq()).isEqualTo(2);
            int added = store.add(1, List.of(event(DAY1, "a"), event(DAY2, "b")))
                    + store.add(2, List.of(event(DAY1, "c")))
                    + store.add(3, List.of(event(DAY1, "d"), event(DAY2, "e")));
            store.commit(3);
            store.refresh();

            // then: every event once
            assertThat(added).isEqualTo(2);
            try (Snapshot all = store.snapshotAll()) {
                assertThat(all.searcher().count(new MatchAllDocsQuery())).isEqualTo(5);
            }
        }
    }

    @Test
    void aCommitWhileAdding_mayHoldLaterRecords_whichAReopenedIndexDrops_beforeTheLogAddsThemAgain()
            throws IOException {
        Map<Integer, List<LogEvent>> log = Map.of(1, List.of(event(DAY2, "a")),
                2, List.of(event(DAY1, "b")),
                3, List.of(event(DAY1, "c"), event(DAY1, "d")),
                4, List.of(event(DAY2, "e")));
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, log.get(1));
            store.commit(1);
            store.add(2, log.get(2));
            store.add(3, log.get(3)); // records 3 and 4 still being added, as far as the commit knows
            store.add(4, log.get(4));

            store.commitWhileAdding(2);
        } // a crash: records 3 and 4 are still in the write-ahead log

        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.maxCommittedSeq()).isEqualTo(2);
            try (Snapshot all = store.snapshotAll()) {
                assertThat(all.searcher().count(new MatchAllDocsQuery())).as("before the log is replayed").isEqualTo(2);
            }
            int added = 0;
            for (int seq = 1; seq <= 4; seq++) {
                added += store.add(seq, log.get(seq));
            }
            store.commit(4);
            store.refresh();
            assertThat(added).as("records 3 and 4 again").isEqualTo(3);
            try (Snapshot all = store.snapshotAll()) {
                assertThat(all.searcher().count(new MatchAllDocsQuery())).isEqualTo(5);
            }
        }

        try (LuceneStore store = LuceneStore.open(root)) { // committed with nothing under way: nothing dropped
            try (Snapshot all = store.snapshotAll()) {
                assertThat(all.searcher().count(new MatchAllDocsQuery())).isEqualTo(5);
            }
        }
    }

    @Test
    void aDayHoldingALaterRecord_isCommittedAgainOnceItIsCovered_evenWithNothingNew() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a")));
            store.add(2, List.of(event(DAY1, "b"))); // its other day still to come, say
            store.commitWhileAdding(1);
            store.add(2, List.of(event(DAY2, "c")));

            store.commitWhileAdding(2);
        } // the write-ahead log has dropped records 1 and 2: every commit together covers them

        try (LuceneStore store = LuceneStore.open(root)) {
            try (Snapshot all = store.snapshotAll()) {
                assertThat(all.searcher().count(new MatchAllDocsQuery())).isEqualTo(3);
            }
        }
    }

    @Test
    void aRefreshThatFails_failsTheSearch_sayingWhichDay() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a")));
            store.searchers(LocalDate.of(2026, 1, 2)).addListener(new ReferenceManager.RefreshListener() {
                @Override
                public void beforeRefresh() throws IOException {
                    throw new IOException("No space left on device");
                }

                @Override
                public void afterRefresh(boolean didRefresh) {
                }
            });

            assertThatThrownBy(store::snapshotAll).isInstanceOf(IOException.class)
                    .hasMessage("refreshing the searchers of 2026-01-02: No space left on device");
        }
    }

    @Test
    void aDayWhoseWriterClosesIdle_isNotTrimmedAtTheNextStart() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a")));
            store.commitWhileAdding(1);

            assertThat(store.closeIdleWriters(Duration.ZERO)).isEqualTo(1);
        }
        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.openWriters()).as("opened for reading only").isZero();
            try (Snapshot all = store.snapshotAll()) {
                assertThat(all.searcher().count(new MatchAllDocsQuery())).isEqualTo(1);
            }
        }
    }

    @Test
    void refreshTimes_areToldOfEachRefreshThatMadeEventsSearchable_only() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
            store.timeRefreshes(times::add);
            store.add(1, List.of(event(DAY1, "a"), event(DAY2, "b")));

            store.refresh(); // both days have new events
            assertThat(times).hasSize(2).allSatisfy(nanos -> assertThat(nanos).isPositive());

            store.refresh(); // nothing new
            assertThat(times).hasSize(2);
        }
    }

    @Test
    void events_goToOnePartitionPerUtcDay() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a"), event(DAY2, "b"), event(DAY2 + 1000, "c")));
            store.commit(1);
            store.refresh();

            assertThat(Files.isDirectory(root.resolve("2026-01-02"))).isTrue();
            assertThat(Files.isDirectory(root.resolve("2026-01-03"))).isTrue();
            try (Snapshot day2 = store.snapshot(DAY2, DAY2 + 3600_000)) {
                assertThat(day2.partitions()).isEqualTo(1);
                assertThat(day2.documents()).isEqualTo(2);
            }
            assertThat(store.sizeBytes()).isPositive();
        }
    }

    @Test
    void storedEvent_readsBackWithItsFieldsAndTypes() throws IOException {
        LogEvent report = LogEvent.of(DAY1, DAY1 + 5, "/aws/lambda/orders", "stream-1",
                "REPORT RequestId: r-1\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 512 MB");
        LogEvent json = LogEvent.of(DAY1, DAY1 + 5, "/aws/lambda/orders", "stream-1",
                "{\"level\":\"INFO\",\"n\":3,\"ok\":false,\"x\":{\"y\":1.5},\"long\":\"" + "z".repeat(300) + "\"}");
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(report, json));
            store.refresh();
            try (Snapshot s = store.snapshotAll()) {
                ScoreDoc[] docs = {new ScoreDoc(1, 0), new ScoreDoc(0, 0)};
                assertThat(s.events(docs)).containsExactly(json, report);
            }
        }
    }

    @Test
    void storedMessages_readBack_whetherTheHitsAreNextToEachOtherOrFarApart() throws IOException {
        // given: 20,000 distinct messages, many compressed blocks (the documents keep their time order)
        java.util.Random random = new java.util.Random(7);
        List<LogEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(event(DAY1 + i, "line " + i + " " + Long.toHexString(random.nextLong()) + " " + "x".repeat(i % 200)));
        }
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, events);
            store.commit(1);
            store.refresh();
            // when: hits read in one go, runs of neighbours (one block decompressed for them) among far jumps
            // (each read alone), in and out of doc order
            List<Integer> docs = new java.util.ArrayList<>();
            for (int at = 3; at < events.size(); at += 997 + random.nextInt(3000)) {
                for (int k = 0; k < 1 + random.nextInt(40); k++) {
                    if (at + k < events.size()) {
                        docs.add(at + k);
                    }
                }
            }
            java.util.Collections.shuffle(docs, random);
            try (Snapshot s = store.snapshotAll()) {
                ScoreDoc[] hits = docs.stream().map(d -> new ScoreDoc(d, 0)).toArray(ScoreDoc[]::new);
                // then: each hit is its own event
                assertThat(s.events(hits)).containsExactlyElementsOf(docs.stream().map(events::get).toList());
            }
        }
    }

    @Test
    void reportWithTriggerAndXray_readsBackExactly_asWrittenOrRenderedFromItsFields() throws IOException {
        String agentReport = "REPORT RequestId: r-2\tDuration: 12.50 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB"
                + "\tMax Memory Used: 90 MB\tStatus: timeout\tTrigger: aws:apigateway\tRoute: GET /orders/{id}\tHTTP Status: 200"
                + "\tBatch Size: 3\tXRAY TraceId: 1-5b8efff7-98038103d269b633813fc60c\tSegmentId: eee19b7ec3c1b174"
                + "\tSampled: true";
        String lambdaReport = "REPORT RequestId: r-3\tDuration: 1.00 ms\tBilled Duration: 1 ms\t\n"
                + "XRAY TraceId: 1-5b8efff7-98038103d269b633813fc60c\tSegmentId: 1ae31e1d7f6b7d6e\tSampled: false";
        assertThat(MessageTemplates.of(agentReport, LogEvent.of(0, 0, "g", "s", agentReport).fields()))
                .as("rendered from doc values, not stored").isEqualTo(MessageTemplates.REPORT);
        assertThat(MessageTemplates.of(lambdaReport, LogEvent.of(0, 0, "g", "s", lambdaReport).fields()))
                .isEqualTo(MessageTemplates.STORED);
        List<LogEvent> events = List.of(LogEvent.of(DAY1, DAY1, "/aws/lambda/orders", "s", agentReport),
                LogEvent.of(DAY1 + 1, DAY1 + 1, "/aws/lambda/orders", "s", lambdaReport));
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, events);
            store.refresh();
            try (Snapshot s = store.snapshotAll()) {
                assertThat(s.events(new ScoreDoc[] {new ScoreDoc(0, 0), new ScoreDoc(1, 0)})).containsExactlyElementsOf(events);
            }
        }
    }

    @Test
    void applicationLines_storeOnlyWhatFollowsTheirTimestampAndRequestId_andReadBackWhole() throws IOException {
        String at = "2026-01-02T10:00:00.000Z";
        List<LogEvent> events = List.of(
                event(DAY1, at + "\t5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b\tINFO\torder 17 stored"),
                event(DAY1, at + "\t5F0E5A3C-1B2D-4E6F-8A9B-0C1D2E3F4A5B\tWARN\t{\"retry\":2}"), // an id kept as text
                event(DAY1, at + "\tr-1\tERROR\t"),
                event(DAY1 + 1, at + "\t5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b\tINFO\tits event is a millisecond later"),
                event(DAY1, "2026-01-02T10:00:00Z\t5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b\tINFO\tanother time format"),
                event(DAY1, "plain text without a prefix"));
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, events);
            store.commit(1);
        }
        try (org.apache.lucene.index.DirectoryReader day = org.apache.lucene.index.DirectoryReader.open(
                FSDirectory.open(root.resolve("2026-01-02")))) {
            var segment = (org.apache.lucene.index.SegmentReader) day.leaves().get(0).reader();
            assertThat(segment.getSegmentInfo().info.getCodec().getName()).isEqualTo(IndexCodec.NAME);
            List<String> stored = new java.util.ArrayList<>();
            for (int doc = 0; doc < day.maxDoc(); doc++) {
                day.storedFields().document(doc).forEach(f -> stored.add(f.name() + "=" + f.stringValue()));
            }
            assertThat(stored).containsExactly(
                    StoredMessage.TAIL + "=INFO\torder 17 stored",
                    StoredMessage.TAIL + "=WARN\t{\"retry\":2}",
                    StoredMessage.TAIL + "=ERROR\t",
                    LogEvent.MESSAGE + "=" + events.get(4).message(),
                    LogEvent.MESSAGE + "=" + events.get(5).message(),
                    LogEvent.MESSAGE + "=" + events.get(3).message());
        }
        try (LuceneStore store = LuceneStore.open(root); Snapshot s = store.snapshotAll()) { // the codec found by name
            ScoreDoc[] hits = s.searcher().search(new MatchAllDocsQuery(), 10).scoreDocs;
            assertThat(s.events(hits)).containsExactlyInAnyOrderElementsOf(events);
        }
    }

    @Test
    void droppingDays_deletesThem_keepsSequencesGoingUp_andRefusesTheirEvents() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a")));
            store.add(2, List.of(event(DAY2, "b")));
            store.commit(2);

            assertThat(store.dropDaysBefore(LocalDate.parse("2026-01-03"))).containsExactly(LocalDate.parse("2026-01-02"));
            assertThat(Files.exists(root.resolve("2026-01-02"))).isFalse();
            assertThat(store.partitionCount()).isEqualTo(1);
            assertThat(store.add(3, List.of(event(DAY1 + 1, "late"), event(DAY2 + 1, "c")))).isEqualTo(1);
            assertThat(store.expiredEvents()).isEqualTo(1);
            store.commit(3);
        }
        try (LuceneStore store = LuceneStore.open(root)) {
            store.dropDaysBefore(LocalDate.parse("2026-01-04"));
            assertThat(store.partitionCount()).isZero();
            assertThat(store.maxCommittedSeq()).isEqualTo(3);
        }
        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.maxCommittedSeq()).as("after every day is gone").isEqualTo(3);
        }
    }

    @Test
    void idleWriters_close_andReopenOnTheNextEvent() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a")));
            assertThat(store.closeIdleWriters(Duration.ZERO)).as("not committed yet").isZero();
            store.commit(1);
            assertThat(store.closeIdleWriters(Duration.ofHours(1))).as("written just now").isZero();

            assertThat(store.closeIdleWriters(Duration.ZERO)).isEqualTo(1);
            assertThat(store.openWriters()).isZero();
            try (Snapshot s = store.snapshotAll()) {
                assertThat(s.documents()).isEqualTo(1);
            }

            store.add(2, List.of(event(DAY1 + 1, "b")));
            assertThat(store.openWriters()).isEqualTo(1);
            try (Snapshot s = store.snapshotAll()) {
                assertThat(s.documents()).as("searchable before its commit").isEqualTo(2);
            }
            store.commit(2);
        }
        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.openWriters()).as("days on disk open for reading only").isZero();
            assertThat(store.maxCommittedSeq()).isEqualTo(2);
        }
    }

    @Test
    void aDayWithoutWriter_isSearchedWithoutReadingItsCommitAgain() throws IOException {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a")));
            store.commit(1);
        }
        try (LuceneStore store = LuceneStore.open(root)) {
            // nothing but this process writes a day, so its open reader stays current: a search that asked the
            // directory (the commit's file list and segment infos, from disk) would fail now
            try (var commits = Files.newDirectoryStream(root.resolve(LocalDate.of(2026, 1, 2).toString()), "segments_*")) {
                for (Path commit : commits) {
                    Files.delete(commit);
                }
            }
            for (int i = 0; i < 2; i++) {
                try (Snapshot s = store.snapshotAll()) {
                    assertThat(s.documents()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void anIndexOfFormat2_isReadAndWrittenOn_evenTheDayThatHasXrayIdsAsTerms() throws IOException {
        String trace = "1-5b8efff7-98038103d269b633813fc60c";
        String before = "REPORT RequestId: 5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b\tDuration: 1.00 ms\tBilled Duration: 1 ms"
                + "\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tXRAY TraceId: " + trace + "\tSegmentId: eee19b7ec3c1b174"
                + "\tSampled: true";
        String after = before.replace("5f0e5a3c", "6f0e5a3c").replace("eee19b7e", "fff19b7e");
        // a day written by format 2: the X-Ray ids as keywords, their text as doc values
        Document old = DocumentMapper.toDocument(event(DAY1, before), 1, 0, Set.of());
        for (String id : List.of(LogEvent.XRAY_TRACE_ID, LogEvent.XRAY_SEGMENT_ID)) {
            String value = (String) LogEvent.of(DAY1, DAY1, "g", "s", before).fields().get(id);
            old.removeFields(id);
            old.add(new Field(id, new BytesRef(value), Schema.KEYWORD_TYPE));
            old.add(new SortedDocValuesField(id, new BytesRef(value)));
        }
        try (FSDirectory dir = FSDirectory.open(root.resolve("2026-01-02"));
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setIndexSort(Schema.INDEX_SORT))) {
            writer.addDocument(old);
            writer.setLiveCommitData(Map.of(LuceneStore.SEQ_KEY, "1").entrySet());
            writer.commit();
        }
        Files.writeString(root.resolve("format"), "2\n");

        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.add(2, List.of(event(DAY1 + 1, after)))).isEqualTo(1);
            store.refresh();
            try (Snapshot s = store.snapshotAll()) {
                assertThat(s.searcher().count(Ids.exactly(LogEvent.XRAY_TRACE_ID, List.of(trace)))).isEqualTo(2);
                assertThat(s.events(new ScoreDoc[] {new ScoreDoc(0, 0), new ScoreDoc(1, 0)}))
                        .extracting(LogEvent::message).containsExactly(before, after);
            }
        }
        assertThat(Files.readString(root.resolve("format")).strip()).isEqualTo(Integer.toString(Schema.FORMAT));
    }

    @Test
    void aDayBegunBeforeFormat6_goesOnIndexingItsStreamsAsTerms_andEveryStreamQueryFindsBoth() throws IOException {
        // a day written by format 5: @logStream as a term too (Lucene keeps a field's kind for the whole index)
        try (FSDirectory dir = FSDirectory.open(root.resolve("2026-01-02"));
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setIndexSort(Schema.INDEX_SORT))) {
            writer.addDocument(DocumentMapper.toDocument(event(DAY1, "before"), 1, 0, Set.of(LogEvent.LOG_STREAM)));
            writer.setLiveCommitData(Map.of(LuceneStore.SEQ_KEY, "1").entrySet());
            writer.commit();
        }
        Files.writeString(root.resolve("format"), "5\n");

        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.add(2, List.of(event(DAY1 + 1, "after")))).isEqualTo(1);
            store.add(3, List.of(event(DAY1 + 86_400_000L, "the next day"))); // a day begun now: no stream terms
            store.refresh();
            try (Snapshot s = store.snapshotAll()) {
                Term stream = new Term(LogEvent.LOG_STREAM, event(DAY1, "x").logStream());
                assertThat(s.searcher().count(new TermQuery(stream))).as("the old day's terms").isEqualTo(2);
                assertThat(s.searcher().count(FieldQueries.keyword(stream.field(), stream.text()))).isEqualTo(3);
            }
        }
    }

    @Test
    void anIndexOfAnotherFormat_isRefused() throws IOException {
        Files.createDirectories(root.resolve("2026-01-02"));
        assertThatThrownBy(() -> LuceneStore.open(root)).isInstanceOf(IOException.class)
                .hasMessageContaining("format 1").hasMessageContaining("move it away");
    }

    @Test
    void aRecordGoesInByTime_theSameMillisecondInIngestOrder() {
        List<LogEvent> record = List.of(event(DAY1 + 3, "a"), event(DAY1 + 1, "b"), event(DAY1 + 2, "c"),
                event(DAY1 + 1, "d"));
        assertThat(LuceneStore.inIndexOrder(record)).containsExactly(1, 3, 2, 0);
    }

    @Test
    void anEventLuceneRefuses_isCounted_andTheRestOfItsRecordIsIndexed() throws IOException {
        // discovery bounds names to 256 characters; the store does not rely on it: this name's term is over 32 KB
        // and it is the last of its day's block, so the two before it were in the index when Lucene refused it
        LogEvent refused = new LogEvent(DAY1 + 4, DAY1, "/aws/lambda/orders", "stream-1", "{}",
                Map.of("k".repeat(40_000), "x"));
        try (LuceneStore store = LuceneStore.open(root)) {
            int added = store.add(1, List.of(event(DAY1 + 3, "a"), refused, event(DAY1 + 2, "b"), event(DAY2, "c")));
            assertThat(added).isEqualTo(3);
            assertThat(store.rejectedDocuments()).isEqualTo(1);
            store.commit(1);
            try (Snapshot s = store.snapshotAll()) {
                ScoreDoc[] hits = s.searcher().search(new MatchAllDocsQuery(), 10).scoreDocs;
                assertThat(s.events(hits)).extracting(LogEvent::message).containsExactly("b", "a", "c");
            }
        }
    }

    @Test
    void aDayBegunByAnOlderBuild_findsLongValuesByTheirKey_theDaysSinceByTheirName() throws IOException {
        // "note" has a term; "pad" is too long for one and is named in both days (this build wrote both)
        String line = "{\"note\":\"short\",\"pad\":\"" + "x".repeat(300) + "\"}";
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, line), event(DAY2, line)));
            store.commit(1);
        }
        // day 1 as a build before the names of long values left it: its commits without the mark
        try (FSDirectory dir = FSDirectory.open(root.resolve("2026-01-02"));
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setIndexSort(Schema.INDEX_SORT))) {
            writer.setLiveCommitData(Map.of(LuceneStore.SEQ_KEY, "1").entrySet());
            writer.commit();
        }

        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(2, List.of(event(DAY1 + 1, line))); // written to by this build, still a day begun before
            store.commit(2);
        }
        try (LuceneStore store = LuceneStore.open(root); Snapshot all = store.snapshotAll()) {
            org.apache.lucene.search.Query noteKey = new org.apache.lucene.search.TermQuery(
                    new org.apache.lucene.index.Term(LogEvent.MESSAGE, "note"));
            // day 1: any long message with the key may hold a long value the older build did not name
            assertThat(all.searcher().count(FieldQueries.discoveredLong("note", noteKey))).isEqualTo(2);
            assertThat(all.searcher().count(FieldQueries.discoveredLong("pad", noteKey))).isEqualTo(3);
        }
    }

    private static LogEvent event(long ts, String message) {
        return LogEvent.of(ts, ts, "/aws/lambda/orders", "stream-1", message);
    }
}
