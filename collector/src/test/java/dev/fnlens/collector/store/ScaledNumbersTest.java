package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class ScaledNumbersTest {
    /**
     * Billed durations kept as a mark or as their value, and events without one, in random order: the column reads
     * each back, and the scaled longs that top-k sorts by come the same by {@code nextDoc} and by {@code advanceExact}.
     */
    @Test
    void billedDurations_markedOrKept_readBackAsWritten_bothWays() throws IOException {
        Random random = new Random(3);
        List<Double> billed = new ArrayList<>(); // per document, null: none
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i < 2_000; i++) {
                    Document doc = new Document();
                    double duration = random.nextInt(300_000) / 100d;
                    Double b = switch (random.nextInt(4)) {
                        case 0 -> null; // a START line
                        case 1 -> Math.ceil(duration) + 1 + random.nextInt(500); // billed with its init: kept
                        default -> Math.ceil(duration); // a mark
                    };
                    if (b != null) {
                        ScaledNumbers.add(doc, LogEvent.DURATION, duration);
                        ScaledNumbers.addBilled(doc, b, duration);
                    }
                    billed.add(b);
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                LeafReader leaf = reader.leaves().get(0).reader();
                assertThat(leaf.getFieldInfos().fieldInfo(ScaledNumbers.BILLED_FROM_DURATION)).isNotNull();
                ScaledNumbers.Column column = new ScaledNumbers.Column(leaf, LogEvent.BILLED_DURATION);
                NumericDocValues exact = ScaledNumbers.scaledColumn(leaf, LogEvent.BILLED_DURATION);
                List<Long> expected = new ArrayList<>();
                for (int doc = 0; doc < billed.size(); doc++) {
                    Double b = billed.get(doc);
                    assertThat(column.get(doc)).as("doc %d", doc).isEqualTo(b);
                    assertThat(exact.advanceExact(doc)).isEqualTo(b != null);
                    if (b != null) {
                        assertThat(exact.longValue()).isEqualTo(ScaledNumbers.scaled(b));
                        expected.add((long) doc);
                        expected.add(ScaledNumbers.scaled(b));
                    }
                }
                List<Long> iterated = new ArrayList<>();
                NumericDocValues all = ScaledNumbers.scaledColumn(leaf, LogEvent.BILLED_DURATION);
                for (int doc = all.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = all.nextDoc()) {
                    iterated.add((long) doc);
                    iterated.add(all.longValue());
                }
                assertThat(iterated).isEqualTo(expected);
            }
        }
    }

    /** A negative duration (Lambda writes none) keeps its billed duration: its ceiling -0.0 is no scaled long. */
    @Test
    void aBilledDurationOfANegativeDuration_isKeptAsWritten() throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
                Document doc = new Document();
                ScaledNumbers.add(doc, LogEvent.DURATION, -0.5);
                ScaledNumbers.addBilled(doc, -0.0, -0.5);
                writer.addDocument(doc);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                LeafReader leaf = reader.leaves().get(0).reader();
                assertThat(leaf.getFieldInfos().fieldInfo(ScaledNumbers.BILLED_FROM_DURATION)).isNull();
                Double read = new ScaledNumbers.Column(leaf, LogEvent.BILLED_DURATION).get(0);
                assertThat(Double.doubleToRawLongBits(read)).isEqualTo(Double.doubleToRawLongBits(-0.0));
            }
        }
    }
}
