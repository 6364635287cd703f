package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.event.EventCodec;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.LuceneStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss in the middle of a write-ahead log write, end to end: a collector JVM is killed
 * before its index commits, the last record of its last segment is cut in half, and the
 * collector started again must skip that torn record, say so, and keep everything before it
 * exactly once — and go on storing new events across further restarts.
 */
class TornWalIT {
    private static final int HEADER_BYTES = 16; // int length, int crc, long seq
    private static final int BATCHES = 20;

    @TempDir
    Path data;
    @TempDir
    Path logs;
    private final AckLedger kept = new AckLedger();
    private final String run = AckLedger.runId();

    @Test
    void tornFinalRecord_isSkippedAtStart_andNothingBeforeItIsLost() throws Exception {
        // given: acknowledged batches that only the write-ahead log holds (no index commit yet)
        String keptFunction = "kept-" + run;
        String tornFunction = "torn-" + run;
        Record last = null;
        for (int attempt = 1; attempt <= 3 && last == null; attempt++) {
            CollectorProcess collector = CollectorProcess.start(data, logs.resolve("before-" + attempt + ".log"));
            for (int i = 0; i < BATCHES - 1; i++) {
                assertThat(kept.send(collector.http(), keptFunction, 5)).isTrue();
            }
            AckLedger tornLedger = new AckLedger();
            assertThat(tornLedger.send(collector.http(), tornFunction + "-" + attempt, 5)).isTrue();
            collector.kill();
            Record candidate = lastRecord();
            if (candidate.seq() > committedSeq()) {
                last = candidate; // as at a power cut: the final write never became part of a commit
                tornFunction = tornFunction + "-" + attempt;
            } // else a slow machine committed it already: try again with fresh batches
        }
        assertThat(last).as("a final record not covered by an index commit").isNotNull();
        assertThat(EventCodec.decode(last.payload())).extracting(LogEvent::log)
                .containsOnly("/aws/lambda/" + tornFunction);

        // when: the final record is cut in half, then the collector starts
        try (RandomAccessFile f = new RandomAccessFile(last.segment().toFile(), "rw")) {
            f.setLength(last.offset() + HEADER_BYTES + last.payload().length / 2);
        }
        CollectorProcess collector = CollectorProcess.start(data, logs.resolve("after.log"));

        // then: the torn record is reported and skipped, everything before it is there once
        assertThat(Files.readString(collector.log())).contains("replay stopped early").contains("torn record");
        kept.assertExactlyOnce(collector.http());
        assertThat(collector.http().search("", "/aws/lambda/" + tornFunction, 100).get("events")).isEmpty();
        assertThat(collector.http().get("/healthz").statusCode()).isEqualTo(200);

        // and the collector goes on: new events are stored, and survive a kill and a clean restart
        for (int i = 0; i < 5; i++) {
            assertThat(kept.send(collector.http(), keptFunction + "-after", 5)).isTrue();
        }
        collector.kill();
        collector = CollectorProcess.start(data, logs.resolve("after-kill.log"));
        kept.assertExactlyOnce(collector.http());
        collector.stop();
        collector = CollectorProcess.start(data, logs.resolve("after-stop.log"));
        kept.assertExactlyOnce(collector.http());
        JsonNode torn = collector.http().search("", "/aws/lambda/" + tornFunction, 100);
        assertThat(torn.get("events")).isEmpty();
        collector.stop();
    }

    private record Record(Path segment, long offset, long seq, byte[] payload) {
    }

    /** The last complete record of the newest segment. */
    private Record lastRecord() throws IOException {
        Path segment;
        try (Stream<Path> files = Files.list(data.resolve("wal"))) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("wal-"))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        Record last = null;
        int offset = 0;
        while (offset + HEADER_BYTES <= bytes.length) {
            ByteBuffer header = ByteBuffer.wrap(bytes, offset, HEADER_BYTES);
            int length = header.getInt();
            header.getInt();
            long seq = header.getLong();
            if (offset + HEADER_BYTES + length > bytes.length) {
                break;
            }
            last = new Record(segment, offset, seq,
                    Arrays.copyOfRange(bytes, offset + HEADER_BYTES, offset + HEADER_BYTES + length));
            offset += HEADER_BYTES + length;
        }
        assertThat(last).as("a record in " + segment).isNotNull();
        return last;
    }

    /** The highest write-ahead log sequence any day index's commit covers. */
    private long committedSeq() throws IOException {
        long seq = 0;
        Path index = data.resolve("index");
        if (!Files.isDirectory(index)) {
            return seq;
        }
        try (Stream<Path> days = Files.list(index)) {
            for (Path day : days.filter(Files::isDirectory).toList()) {
                try (FSDirectory dir = FSDirectory.open(day)) {
                    if (DirectoryReader.indexExists(dir)) {
                        String covered = SegmentInfos.readLatestCommit(dir).getUserData().get(LuceneStore.SEQ_KEY);
                        seq = Math.max(seq, covered == null ? 0 : Long.parseLong(covered));
                    }
                }
            }
        }
        return seq;
    }
}
