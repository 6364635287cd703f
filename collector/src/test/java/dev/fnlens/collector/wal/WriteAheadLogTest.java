package dev.fnlens.collector.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    private static final long SEGMENT_BYTES = 1024 * 1024;

    @TempDir
    Path dir;

    private final AtomicInteger fsyncs = new AtomicInteger();
    private final List<Long> delivered = Collections.synchronizedList(new ArrayList<>());

    @Test
    void appendedRecords_replayInOrder_withIncreasingSequences() throws IOException {
        try (WriteAheadLog<String> wal = open(1)) {
            assertThat(wal.append(bytes("a"), "a")).isEqualTo(1);
            assertThat(wal.append(bytes("b"), "b")).isEqualTo(2);
            assertThat(wal.append(bytes("c"), "c")).isEqualTo(3);
        }

        List<String> replayed = new ArrayList<>();
        WalReader.Replay replay = WalReader.replay(dir, (seq, payload) -> replayed.add(seq + "=" + string(payload)));

        assertThat(replayed).containsExactly("1=a", "2=b", "3=c");
        assertThat(replay.lastSeq()).isEqualTo(3);
        assertThat(replay.problems()).isEmpty();
        assertThat(delivered).containsExactly(1L, 2L, 3L);
    }

    @Test
    void tornFinalRecord_isDetectedAndSkipped() throws IOException {
        try (WriteAheadLog<String> wal = open(1)) {
            wal.append(bytes("first"), "");
            wal.append(bytes("second"), "");
        }
        Path segment = onlySegment();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(f.length() - 3); // the crash cut the last write short
        }

        List<String> replayed = new ArrayList<>();
        WalReader.Replay replay = WalReader.replay(dir, (seq, payload) -> replayed.add(string(payload)));

        assertThat(replayed).containsExactly("first");
        assertThat(replay.lastSeq()).isEqualTo(1);
        assertThat(replay.problems()).singleElement().asString().contains("torn record");
    }

    @Test
    void tornHeader_isDetectedAndSkipped() throws IOException {
        try (WriteAheadLog<String> wal = open(1)) {
            wal.append(bytes("first"), "");
        }
        Files.write(onlySegment(), new byte[] {0, 0, 0, 9, 1, 2}, java.nio.file.StandardOpenOption.APPEND);

        WalReader.Replay replay = WalReader.replay(dir, (seq, payload) -> { });

        assertThat(replay.records()).isEqualTo(1);
        assertThat(replay.problems()).singleElement().asString().contains("torn record header");
    }

    @Test
    void crcMismatch_stopsReplayBeforeTheDamagedRecord() throws IOException {
        try (WriteAheadLog<String> wal = open(1)) {
            wal.append(bytes("first"), "");
            wal.append(bytes("second"), "");
            wal.append(bytes("third"), "");
        }
        long secondPayload = WalFormat.HEADER_BYTES + "first".length() + WalFormat.HEADER_BYTES;
        try (RandomAccessFile f = new RandomAccessFile(onlySegment().toFile(), "rw")) {
            f.seek(secondPayload + 2);
            f.write('X'); // one flipped byte
        }

        List<String> replayed = new ArrayList<>();
        WalReader.Replay replay = WalReader.replay(dir, (seq, payload) -> replayed.add(string(payload)));

        assertThat(replayed).containsExactly("first");
        assertThat(replay.problems()).singleElement().asString().contains("CRC mismatch");
    }

    @Test
    void concurrentAppends_shareFsyncs() throws Exception {
        int appenders = 64;
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        CountDownLatch go = new CountDownLatch(1);
        try (WriteAheadLog<String> wal = open(1)) {
            List<Future<Long>> seqs = new ArrayList<>();
            for (int i = 0; i < appenders; i++) {
                String item = "r" + i;
                seqs.add(pool.submit(() -> {
                    go.await();
                    return wal.append(bytes(item), item);
                }));
            }
            go.countDown();
            List<Long> got = new ArrayList<>();
            for (Future<Long> f : seqs) {
                got.add(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(got).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= appenders);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fsyncs.get()).isLessThan(appenders);
        assertThat(delivered).isSorted().hasSize(appenders);
    }

    @Test
    void reopening_startsANewSegment_andOldSegmentsAreDeletedOnceCovered() throws IOException {
        try (WriteAheadLog<String> wal = open(1)) {
            wal.append(bytes("a"), "");
            wal.append(bytes("b"), "");
        }
        try (WriteAheadLog<String> wal = open(3)) {
            assertThat(wal.append(bytes("c"), "")).isEqualTo(3);
            assertThat(wal.segmentCount()).isEqualTo(2);

            wal.deleteSegmentsThrough(1); // the first segment still holds record 2
            assertThat(wal.segmentCount()).isEqualTo(2);
            wal.deleteSegmentsThrough(2);
            assertThat(wal.segmentCount()).isEqualTo(1);
            wal.deleteSegmentsThrough(3); // never the active one
            assertThat(wal.segmentCount()).isEqualTo(1);
        }
        List<Long> replayed = new ArrayList<>();
        WalReader.replay(dir, (seq, payload) -> replayed.add(seq));
        assertThat(replayed).containsExactly(3L);
    }

    @Test
    void segmentsRoll_whenFull() throws IOException {
        try (WriteAheadLog<String> wal = WriteAheadLog.open(dir, 1, 100, (n, r) -> { }, (s, i) -> { })) {
            for (int i = 0; i < 5; i++) {
                wal.append(new byte[100], ""); // 116 bytes with the header: each fills a segment
            }
            assertThat(wal.segmentCount()).isEqualTo(6); // five full ones and the empty active one
        }
        assertThat(WalReader.replay(dir, (seq, payload) -> { }).lastSeq()).isEqualTo(5);
    }

    @Test
    void bounds_areTheFirstSegmentsStartAndTheLastRecord_withAnEmptyActiveSegment() throws IOException {
        assertThat(WalReader.bounds(dir)).isEqualTo(new WalReader.Bounds(0, -1));
        try (WriteAheadLog<String> wal = WriteAheadLog.open(dir, 1, 100, (n, r) -> { }, (s, i) -> { })) {
            for (int i = 0; i < 5; i++) {
                wal.append(new byte[100], ""); // each fills a segment; the active one stays empty
            }
            wal.deleteSegmentsThrough(2);
        }
        assertThat(WalReader.bounds(dir)).isEqualTo(new WalReader.Bounds(3, 5));
    }

    @Test
    @Timeout(10) // a writer thread that dies leaves append waiting for ever
    void anErrorWhileWriting_refusesOnlyItsBatch_keepsNothingOfIt_andTheLogGoesOn() throws IOException {
        // an OutOfMemoryError (a query holding the heap) can strike the writer thread anywhere before the acknowledgement
        AtomicInteger syncs = new AtomicInteger();
        try (WriteAheadLog<String> wal = WriteAheadLog.open(dir, 1, SEGMENT_BYTES, (nanos, records) -> {
            if (syncs.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
        }, (seq, item) -> delivered.add(seq))) {
            assertThatThrownBy(() -> wal.append(bytes("refused"), "refused"))
                    .isInstanceOf(IOException.class).hasMessageContaining("nothing of it was kept, retry");
            assertThat(wal.failure()).isNull();
            assertThat(wal.append(bytes("kept"), "kept")).isEqualTo(1);
        }

        List<String> replayed = new ArrayList<>();
        WalReader.replay(dir, (seq, payload) -> replayed.add(seq + "=" + string(payload)));
        assertThat(replayed).containsExactly("1=kept");
        assertThat(delivered).containsExactly(1L);
    }

    @Test
    @Timeout(10)
    void anErrorInTheListener_isRetried_untilTheDurableRecordIsTaken() throws IOException {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        try (WriteAheadLog<String> wal = WriteAheadLog.open(dir, 1, SEGMENT_BYTES, (nanos, records) -> { },
                (seq, item) -> {
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new OutOfMemoryError("Java heap space");
                    }
                    delivered.add(seq);
                })) {
            assertThat(wal.append(bytes("a"), "a")).isEqualTo(1);
            assertThat(delivered).containsExactly(1L); // taken before it was acknowledged
            assertThat(wal.append(bytes("b"), "b")).isEqualTo(2);
        }
        assertThat(delivered).containsExactly(1L, 2L);
    }

    @Test
    void appendAfterClose_fails() throws IOException {
        WriteAheadLog<String> wal = open(1);
        wal.close();

        assertThatThrownBy(() -> wal.append(bytes("late"), "")).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private WriteAheadLog<String> open(long nextSeq) throws IOException {
        return WriteAheadLog.open(dir, nextSeq, SEGMENT_BYTES, (nanos, records) -> fsyncs.incrementAndGet(),
                (seq, item) -> delivered.add(seq));
    }

    private Path onlySegment() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).reduce((a, b) -> {
                throw new AssertionError("more than one segment");
            }).orElseThrow();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
