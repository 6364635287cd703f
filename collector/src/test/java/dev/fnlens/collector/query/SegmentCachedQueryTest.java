package dev.fnlens.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class SegmentCachedQueryTest {
    private static final Query INFIX = new WildcardQuery(new Term("m", "*rottl*"));

    @Test
    void answersAsTheQueryItWraps_keepsEachSegmentOnce_andForgetsMergedSegments() throws Exception {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer())
                     .setMergePolicy(NoMergePolicy.INSTANCE))) {
            add(writer, "request throttled by the api", "all good", "THROTTLED again");
            add(writer, "unthrottled path", "nothing here");
            int before = SegmentCachedQuery.size();
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                Query cached = new SegmentCachedQuery(INFIX);

                assertThat(searcher.count(cached)).isEqualTo(searcher.count(INFIX)).isEqualTo(3);
                assertThat(searcher.count(cached)).isEqualTo(3);
                assertThat(SegmentCachedQuery.size() - before).as("one entry per segment").isEqualTo(2);
            }

            add(writer, "throttle-free", "throttling");
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                assertThat(searcher.count(new SegmentCachedQuery(INFIX))).isEqualTo(searcher.count(INFIX)).isEqualTo(5);
            }
            writer.getConfig().setMergePolicy(new org.apache.lucene.index.TieredMergePolicy());
            writer.forceMerge(1);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertThat(new IndexSearcher(reader).count(new SegmentCachedQuery(INFIX))).isEqualTo(5);
            }
            assertThat(SegmentCachedQuery.size() - before).as("merged-away segments are forgotten").isEqualTo(1);
        }
    }

    private static void add(IndexWriter writer, String... messages) throws Exception {
        for (String m : messages) {
            Document doc = new Document();
            doc.add(new TextField("m", m, Field.Store.NO));
            writer.addDocument(doc);
        }
        writer.commit();
    }
}
