package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexerTest {
    private static final long DAY1 = Instant.parse("2026-01-02T10:00:00Z").toEpochMilli();
    private static final long DAY2 = Instant.parse("2026-01-03T10:00:00Z").toEpochMilli();
    private static final Duration FAST = Duration.ofMillis(50);

    @TempDir
    Path root;

    @Test
    void records_fromSeveralIndexingThreads_areAllIndexed_andCommitsCoverThem() throws Exception {
        ConcurrentLinkedQueue<Long> commits = new ConcurrentLinkedQueue<>();
        try (LuceneStore store = LuceneStore.open(root)) {
            Indexer indexer = new Indexer(store, settings().withThreads(3), Clock.systemUTC(), commits::add);
            for (int seq = 1; seq <= 2000; seq++) {
                List<LogEvent> events = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    events.add(event(DAY1 + seq, "record " + seq + " event " + i));
                }
                indexer.accept(seq, events);
            }
            indexer.close();
            store.refresh();

            assertThat(store.maxCommittedSeq()).isEqualTo(2000);
            assertThat(commits).last().isEqualTo(2000L);
            assertThat(new ArrayList<>(commits)).isSorted();
            try (Snapshot s = store.snapshotAll()) {
                assertThat(s.searcher().count(new MatchAllDocsQuery())).isEqualTo(10_000);
            }
        }
    }

    @Test
    void indexingThreads_helpARefreshUnderWayFlush_beforeTheyTakeRecords() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            try (StuckRefresh refresh = StuckRefresh.withAnEventBuffered(store, root, DAY1)) {
                // no commit comes meanwhile to flush it
                Indexer indexer = new Indexer(store, Indexer.Settings.defaults(Duration.ofMinutes(10), FAST),
                        Clock.systemUTC(), s -> { });
                try {
                    assertThat(refresh.awaitFlush()).as("segments flushed by an indexing thread").isEqualTo(1);
                } finally {
                    refresh.close();
                    indexer.close();
                }
            }
        }
    }

    @Test
    void aRefreshThatDoesNotEnd_holdsEachIndexingThreadUpOnce_only() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "a")));
            store.refresh();
            Indexer.Settings settings = Indexer.Settings.defaults(FAST, FAST);
            Indexer indexer = new Indexer(store, settings, Clock.systemUTC(), s -> { });
            ConcurrentLinkedQueue<Long> gaveWay = new ConcurrentLinkedQueue<>();
            indexer.timeGivingWay(gaveWay::add);
            try (StuckRefresh refresh = new StuckRefresh(store, LocalDate.of(2026, 1, 2))) {
                // waiting up to GIVE_WAY_NANOS before each record, 4 threads would take 25 s for these
                for (int seq = 2; seq <= 401; seq++) {
                    indexer.accept(seq, List.of(event(DAY1 + seq, "record " + seq)));
                }
                awaitCommitted(store, 401);
            } finally {
                indexer.close();
            }
            assertThat(gaveWay).as("each thread waited for the stuck refresh, as long as it may, once")
                    .isNotEmpty().hasSizeLessThanOrEqualTo(settings.threads())
                    .allSatisfy(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(Indexer.GIVE_WAY_NANOS));
        }
    }

    @Test
    void close_whileTheMaintainerCommits_stillCommitsEverything() throws Exception {
        // a commit every millisecond: close finds the maintainer inside one most of the time
        Indexer.Settings busy = Indexer.Settings.defaults(Duration.ofMillis(1), FAST).withIdle(Duration.ofMinutes(1), FAST);
        try (LuceneStore store = LuceneStore.open(root)) {
            int seq = 0;
            for (int round = 1; round <= 30; round++) {
                Indexer indexer = new Indexer(store, busy, Clock.systemUTC(), s -> { });
                for (int i = 0; i < 100; i++) {
                    seq++;
                    indexer.accept(seq, List.of(event(DAY1 + seq, "record " + seq)));
                }
                indexer.close();
                assertThat(store.maxCommittedSeq()).as("after close #" + round).isEqualTo(seq);
            }
        }
    }

    @Test
    void close_leavesCommitsThatSayTheyHoldNoLaterRecords_soTheNextStartTrimsNothing() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            Indexer indexer = new Indexer(store, Indexer.Settings.defaults(FAST, FAST), Clock.systemUTC(), s -> { });
            indexer.accept(1, List.of(event(DAY1 + 1, "a")));
            awaitCommitted(store, 1); // committed while indexing went on; nothing new comes before close
            indexer.close();
        }
        try (LuceneStore store = LuceneStore.open(root)) {
            assertThat(store.openWriters()).as("the day opens for reading only").isZero();
        }
    }

    @Test
    void anErrorWhileIndexing_keepsCommitsFromCoveringTheLostRecord_untilRecoveryIndexedIt_andTheThreadGoesOn()
            throws Exception {
        // an OutOfMemoryError (a query holding the heap) may strike an indexing thread mid-record
        Map<Long, List<LogEvent>> log = new ConcurrentHashMap<>(); // what the write-ahead log holds
        ConcurrentLinkedQueue<Long> commits = new ConcurrentLinkedQueue<>();
        AtomicInteger recoveries = new AtomicInteger();
        try (LuceneStore store = LuceneStore.open(root)) {
            Indexer indexer = new Indexer(store, settings().withThreads(1), Clock.systemUTC(), commits::add, () -> {
                recoveries.incrementAndGet();
                store.reopen();
                long last = store.maxCommittedSeq();
                for (long seq = last + 1; log.containsKey(seq); seq++) {
                    store.add(seq, log.get(seq));
                    last = seq;
                }
                store.commit(last);
                return last;
            });
            try {
                accept(indexer, log, 1, event(DAY1 + 1, "first"));
                awaitCommitted(store, 1);

                log.put(2L, List.of(event(DAY1 + 2, "second"))); // as the log replays it: memory is back
                indexer.accept(2, List.of(new LogEvent(DAY1 + 2, DAY1 + 2, "/aws/lambda/orders", "stream-1", "second",
                        Map.of("order", new Object() {
                            @Override
                            public String toString() {
                                throw new OutOfMemoryError("Java heap space");
                            }
                        }))));
                accept(indexer, log, 3, event(DAY1 + 3, "third"));
                awaitCommitted(store, 3);

                assertThat(recoveries).hasPositiveValue();
                accept(indexer, log, 4, event(DAY1 + 4, "fourth")); // the one indexing thread takes it
                awaitCommitted(store, 4);
                try (Snapshot s = store.snapshotAll()) {
                    assertThat(s.searcher().count(new MatchAllDocsQuery())).isEqualTo(4);
                }
                // no commit of the indexer's own covered record 2 before recovery had indexed it again
                assertThat(new ArrayList<>(commits)).startsWith(1L).doesNotContain(2L);
            } finally {
                indexer.close();
            }
        }
    }

    @Test
    void aRecordThatTakesLong_holdsBackNeitherTheRecordsAfterIt_norCommitsOfTheOnesBefore() throws Exception {
        SlowRecord slow = new SlowRecord();
        ConcurrentLinkedQueue<Long> commits = new ConcurrentLinkedQueue<>();
        try (LuceneStore store = LuceneStore.open(root)) {
            Indexer indexer = new Indexer(store, Indexer.Settings.defaults(FAST, FAST).withThreads(2),
                    Clock.systemUTC(), commits::add);
            try {
                indexer.accept(1, List.of(event(DAY1 + 1, "first")));
                awaitCommitted(store, 1);
                indexer.accept(2, slow.events);
                slow.awaitInside();
                Thread.sleep(4 * FAST.toMillis()); // commits come every 50 ms meanwhile
                for (long seq = 3; seq <= 20; seq++) {
                    indexer.accept(seq, List.of(event(DAY1 + seq, "later " + seq)));
                }

                assertThat(awaitCount(store, DAY1, 20)).as("the first day's events, searchable").isEqualTo(20);
                assertThat(new ArrayList<>(commits)).as("no commit covers the slow record yet").containsOnly(1L);

                slow.release.countDown();
                awaitCommitted(store, 20);
                assertThat(awaitCount(store, DAY2, 1)).isEqualTo(1);
            } finally {
                slow.release.countDown();
                indexer.close();
            }
        }
    }

    @Test
    void aCommitThatHoldsPartOfLaterRecords_afterACrash_givesEachEventOnceWhenTheLogIsReplayed() throws Exception {
        SlowRecord slow = new SlowRecord();
        Map<Long, List<LogEvent>> log = new ConcurrentHashMap<>();
        Path crashed = root.resolve("crashed");
        try (LuceneStore store = LuceneStore.open(root.resolve("live"))) {
            Indexer indexer = new Indexer(store, Indexer.Settings.defaults(Duration.ofMillis(500), FAST).withThreads(2),
                    Clock.systemUTC(), seq -> { });
            try {
                accept(indexer, log, 1, event(DAY1 + 1, "first"));
                log.put(2L, slow.events);
                indexer.accept(2, slow.events);
                slow.awaitInside();
                for (long seq = 3; seq <= 20; seq++) {
                    accept(indexer, log, seq, event(DAY1 + seq, "later " + seq));
                }
                awaitCommitted(store, 1); // while record 2 is under way: the first day's commit holds what it has

                copyIndex(root.resolve("live"), crashed); // what a crash would leave
            } finally {
                slow.release.countDown();
                indexer.close();
            }
        }

        try (LuceneStore store = LuceneStore.open(crashed)) { // the restart replays the log
            assertThat(store.maxCommittedSeq()).isEqualTo(1);
            for (long seq = 1; seq <= 20; seq++) {
                store.add(seq, log.get(seq));
            }
            store.commit(20);
            assertThat(awaitCount(store, DAY1, 20)).as("every event of the first day once").isEqualTo(20);
            assertThat(awaitCount(store, DAY2, 1)).isEqualTo(1);
        }
    }

    private static void copyIndex(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("write.lock")) {
                    try {
                        Files.copy(file, target); // commit files are written once: those of the last commit are whole
                    } catch (NoSuchFileException e) {
                        // merged away: not part of the last commit
                    }
                }
            }
        }
    }

    private static int awaitCount(LuceneStore store, long day, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Snapshot s = store.snapshot(day, day)) {
                int count = s.searcher().count(new MatchAllDocsQuery());
                if (count >= expected || System.nanoTime() > deadline) {
                    return count;
                }
            }
            Thread.sleep(20);
        }
    }

    /**
     * Record 2, over two days: its first day's event goes in at once, its second day's block does not end until
     * released (meanwhile Lucene's flushes of that day wait for it).
     */
    private static final class SlowRecord {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<LogEvent> events = List.of(event(DAY1 + 2, "second"), new LogEvent(DAY2, DAY2,
                "/aws/lambda/orders", "stream-1", "slow", Map.of("order", new Object() {
                    @Override
                    public String toString() {
                        inside.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return "done";
                    }
                })));

        void awaitInside() throws InterruptedException {
            assertThat(inside.await(10, TimeUnit.SECONDS)).as("inside the slow block").isTrue();
        }
    }

    private static void accept(Indexer indexer, Map<Long, List<LogEvent>> log, long seq, LogEvent event) {
        log.put(seq, List.of(event));
        indexer.accept(seq, List.of(event));
    }

    private static void awaitCommitted(LuceneStore store, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (store.maxCommittedSeq() < seq && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.maxCommittedSeq()).as("committed through").isGreaterThanOrEqualTo(seq);
    }

    @Test
    void daysPastRetention_areDroppedWhileRunning() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            store.add(1, List.of(event(DAY1, "old"), event(DAY1 + 86_400_000L, "kept")));
            store.commit(1);
            Clock clock = Clock.fixed(Instant.ofEpochMilli(DAY1 + 86_400_000L * 2), ZoneOffset.UTC);
            Indexer indexer = new Indexer(store, settings().withRetentionDays(2), clock, seq -> { });
            try {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (java.nio.file.Files.exists(root.resolve("2026-01-02")) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(store.partitionCount()).isEqualTo(1);
                assertThat(root.resolve("2026-01-02")).doesNotExist();
                assertThat(root.resolve("2026-01-03")).exists();
            } finally {
                indexer.close();
            }
        }
    }

    @Test
    void idleWriters_areClosedWhileRunning() throws Exception {
        try (LuceneStore store = LuceneStore.open(root)) {
            Indexer indexer = new Indexer(store, settings(), Clock.systemUTC(), seq -> { });
            try {
                indexer.accept(1, List.of(event(DAY1, "a")));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while ((store.maxCommittedSeq() < 1 || store.openWriters() > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(store.maxCommittedSeq()).isEqualTo(1);
                assertThat(store.openWriters()).isZero();
            } finally {
                indexer.close();
            }
        }
    }

    private static Indexer.Settings settings() {
        return Indexer.Settings.defaults(FAST, FAST).withIdle(Duration.ofMillis(100), FAST);
    }

    private static LogEvent event(long ts, String message) {
        return LogEvent.of(ts, ts, "/aws/lambda/orders", "stream-1", message);
    }
}
