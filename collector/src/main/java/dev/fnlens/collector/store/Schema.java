package dev.fnlens.collector.store;

import static dev.fnlens.collector.event.LogEvent.BILLED_DURATION;
import static dev.fnlens.collector.event.LogEvent.DURATION;
import static dev.fnlens.collector.event.LogEvent.INGESTION_TIME;
import static dev.fnlens.collector.event.LogEvent.INIT_DURATION;
import static dev.fnlens.collector.event.LogEvent.LOG;
import static dev.fnlens.collector.event.LogEvent.LOG_STREAM;
import static dev.fnlens.collector.event.LogEvent.MAX_MEMORY_USED;
import static dev.fnlens.collector.event.LogEvent.MEMORY_SIZE;
import static dev.fnlens.collector.event.LogEvent.MESSAGE;
import static dev.fnlens.collector.event.LogEvent.REQUEST_ID;
import static dev.fnlens.collector.event.LogEvent.TIMESTAMP;
import static dev.fnlens.collector.event.LogEvent.TYPE;
import static dev.fnlens.collector.event.LogEvent.XRAY_SEGMENT_ID;
import static dev.fnlens.collector.event.LogEvent.XRAY_TRACE_ID;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;

/**
 * How event fields map to Lucene fields. {@code @message} is analyzed text; the Lambda
 * names are keywords (exact, with sorted doc values); times are longs and the REPORT
 * numbers doubles (points for ranges, doc values for sorting and aggregation); discovered
 * JSON fields are stored and indexed as exact keywords.
 */
public final class Schema {
    /** Ingest order within the write-ahead log, to order events of the same millisecond. */
    public static final String SEQ = "@@seq";
    public static final String IDX = "@@idx";

    public static final Set<String> KEYWORDS = Set.of(LOG, LOG_STREAM, TYPE, REQUEST_ID, XRAY_TRACE_ID, XRAY_SEGMENT_ID);
    public static final Set<String> LONGS = Set.of(TIMESTAMP, INGESTION_TIME);
    public static final Set<String> DOUBLES = Set.of(DURATION, BILLED_DURATION, MEMORY_SIZE, MAX_MEMORY_USED, INIT_DURATION);
    /** Longer keyword values are cut; longer discovered values are stored but not indexed. */
    static final int MAX_KEYWORD_CHARS = 1024;
    static final int MAX_INDEXED_VALUE_CHARS = 256;

    private Schema() {
    }

    /** Writes {@code @message} with {@link MessageAnalyzer}; other fields are not tokenized. */
    static Analyzer indexAnalyzer() {
        return new MessageAnalyzer();
    }

    /** For query parsing: message text analyzed like at index time, every other field exact. */
    public static Analyzer queryAnalyzer() {
        Analyzer message = new MessageAnalyzer();
        Analyzer keyword = new KeywordAnalyzer();
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return MESSAGE.equals(fieldName) ? message : keyword;
            }
        };
    }
}
