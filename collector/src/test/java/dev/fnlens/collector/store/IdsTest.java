package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class IdsTest {
    private static final String UUID = "5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
    private static final String TRACE = "1-5b8efff7-98038103d269b633813fc60c";
    private static final String SEGMENT = "eee19b7ec3c1b174";

    @Test
    void idsOfKnownShapes_areKeptAsTheirBytes_andReadBackAsWritten() {
        assertThat(Ids.encode(UUID).length).isEqualTo(17);
        assertThat(Ids.encode(TRACE).length).isEqualTo(17);
        assertThat(Ids.encode(SEGMENT).length).isEqualTo(9);
        for (String id : List.of(UUID, TRACE, SEGMENT, "r-1", "", "1-5e7d-abc", "42ff", "5F0E5A3C-1B2D-4E6F-8A9B-0C1D2E3F4A5B",
                "2-5b8efff7-98038103d269b633813fc60c", "1-5b8efff7-98038103d269b633813fc60C", "eee19b7ec3c1b17g", "Ünï")) {
            assertThat(Ids.decode(Ids.encode(id))).as(id).isEqualTo(id);
            assertThat(Ids.isCompact(Ids.encode(id))).as(id).isEqualTo(Ids.isCompact(id));
        }
        assertThat(Ids.isCompact(UUID) && Ids.isCompact(TRACE) && Ids.isCompact(SEGMENT)).isTrue();
        assertThat(Ids.isCompact("1-5e7d-abc")).isFalse();
        assertThat(Ids.isCompact("EEE19B7EC3C1B174")).as("upper case is not how X-Ray writes it").isFalse();
    }

    @Test
    void xrayIdsOfTheFormatBefore_untaggedText_areReadAndFound_besideTheNewOnes() throws IOException {
        try (ByteBuffersDirectory dayBefore = new ByteBuffersDirectory(); ByteBuffersDirectory dayAfter = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dayBefore, new IndexWriterConfig())) {
                Document written = new Document(); // by format 2: a keyword, its text as doc values
                written.add(new StringField(LogEvent.XRAY_TRACE_ID, TRACE, Field.Store.NO));
                written.add(new SortedDocValuesField(LogEvent.XRAY_TRACE_ID, new BytesRef(TRACE)));
                writer.addDocument(written);
                Document continued = new Document(); // by format 3 into that day: a keyword still, bytes as doc values
                continued.add(new StringField(LogEvent.XRAY_TRACE_ID, TRACE, Field.Store.NO));
                continued.add(new SortedDocValuesField(LogEvent.XRAY_TRACE_ID, Ids.encode(TRACE)));
                writer.addDocument(continued);
            }
            try (IndexWriter writer = new IndexWriter(dayAfter, new IndexWriterConfig())) {
                for (String trace : List.of(TRACE, "1-5b8efff7-98038103d269b633813fc60d")) {
                    Document now = new Document();
                    now.add(new SortedDocValuesField(LogEvent.XRAY_TRACE_ID, Ids.encode(trace)));
                    writer.addDocument(now);
                }
            }
            try (MultiReader both = new MultiReader(DirectoryReader.open(dayBefore), DirectoryReader.open(dayAfter))) {
                IndexSearcher searcher = new IndexSearcher(both);
                assertThat(Ids.decode(new BytesRef(TRACE))).isEqualTo(TRACE);
                assertThat(searcher.count(Ids.exactly(LogEvent.XRAY_TRACE_ID, List.of(TRACE)))).isEqualTo(3);
                assertThat(searcher.count(new IdQuery(LogEvent.XRAY_TRACE_ID, "ends c", id -> id.endsWith("c"))))
                        .isEqualTo(3);
            }
        }
    }

    @Test
    void ownIds_areLeftOutOfTheIndexedText_unlessGluedToOtherText() {
        String report = "REPORT RequestId: " + UUID + "\tDuration: 1.00 ms\tXRAY TraceId: " + TRACE + "\tSegmentId: "
                + SEGMENT + "\tSampled: true";
        Map<String, Object> fields = Map.of(LogEvent.REQUEST_ID, UUID, LogEvent.XRAY_TRACE_ID, TRACE,
                LogEvent.XRAY_SEGMENT_ID, SEGMENT);
        assertThat(indexedText(report, fields))
                .isEqualTo("REPORT RequestId:  \tDuration: 1.00 ms\tXRAY TraceId:  \tSegmentId:  \tSampled: true");
        assertThat(indexedText("trace" + TRACE, Map.of(LogEvent.XRAY_TRACE_ID, TRACE))).isEqualTo("trace" + TRACE);
        assertThat(indexedText("see r-1", Map.of(LogEvent.REQUEST_ID, "r-1"))).as("not a known shape")
                .isEqualTo("see r-1");
    }

    /** The message as a document indexes it, from the event's fields as {@code DocumentMapper} gathers its ids. */
    private static String indexedText(String message, Map<String, Object> fields) {
        String[] own = new String[Ids.OWN_IDS];
        fields.forEach((name, value) -> {
            if (Ids.FIELDS.contains(name) && value instanceof String id && Ids.isCompact(Ids.encode(id))) {
                own[Ids.ownIdIndex(name)] = id;
            }
        });
        return Ids.withoutOwnIds(message, own);
    }
}
