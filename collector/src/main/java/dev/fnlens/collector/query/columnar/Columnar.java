package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.runtime.Deadline;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Weight;

/**
 * The column-wise path of {@code POST /api/query}: aggregations ({@link StatsShape}), top-k sorts ({@link TopK}),
 * the newest events ({@link NewestFirst}) answered from doc values, per segment, and message patterns
 * ({@link PatternRun}). The caller must have put every leading filter into {@code lucene}
 * exactly (no event it matches fails a filter), since nothing here applies them again.
 *
 * <p>{@code -Dfnlens.query.columnar=false} turns it off (every query then goes to the row engine), to compare the two.
 */
public final class Columnar {
    private static final boolean ENABLED = !"false".equals(System.getProperty("fnlens.query.columnar"));
    /** Fewer matches than one in this many events: the row engine reads a discovered field's numbers. */
    private static final int FEW_MATCHES = 32;

    private Columnar() {
    }

    public static boolean enabled() {
        return ENABLED;
    }

    /** Whether this path answers the query; the row engine answers the rest. */
    public static boolean supports(Query query, ExecutionLimits limits) {
        return StatsShape.of(query) != null || TopK.of(query, limits) != null || NewestFirst.of(query, limits) != null
                || PatternRun.of(query) != null;
    }

    /**
     * Whether the row engine, reading each match's message, is the cheaper way: a discovered field's numbers are
     * read column-wise by walking every posting of the field in each segment, however few events match.
     */
    private static boolean fewMatches(Snapshot snapshot, org.apache.lucene.search.Query lucene) throws IOException {
        IndexSearcher searcher = snapshot.searcher();
        return (long) searcher.count(lucene) * FEW_MATCHES < searcher.getIndexReader().maxDoc();
    }

    /**
     * The answer, or null when the row engine must answer. {@code lucene} matches exactly the events that pass the
     * leading filters within {@code [fromMillis, toMillis]} and the log groups; {@code filter} is the same without the
     * time range ({@link MatchAllDocsQuery} when there is nothing else). {@code keyInMessage} gives the messages
     * that hold a discovered field's key ({@link FieldQueries#discoveredWithoutTerm}), or null when it cannot.
     */
    public static QueryResult run(Query query, Snapshot snapshot, org.apache.lucene.search.Query lucene,
                                  org.apache.lucene.search.Query filter, long fromMillis, long toMillis,
                                  ExecutionLimits limits, Deadline deadline,
                                  Function<String, org.apache.lucene.search.Query> keyInMessage) throws IOException {
        StatsShape stats = StatsShape.of(query);
        if (stats != null && stats.readsDiscoveredNumbers() && !(filter instanceof MatchAllDocsQuery)
                && fewMatches(snapshot, lucene)) {
            return null;
        }
        if (stats != null) {
            Map<String, Weight> withoutTerm = new HashMap<>();
            for (String field : stats.discoveredFields()) {
                org.apache.lucene.search.Query inMessage = keyInMessage.apply(field);
                if (inMessage == null) {
                    return null; // an older partition's values without a term could not be found
                }
                withoutTerm.put(field, SegmentScan.weight(snapshot, FieldQueries.discoveredWithoutTerm(field, inMessage)));
            }
            RangeCounts range = filter instanceof MatchAllDocsQuery ? new RangeCounts(fromMillis, toMillis) : null;
            return new StatsRun(stats, withoutTerm).run(snapshot, lucene, filter, fromMillis, toMillis, range, limits,
                    deadline);
        }
        TopK top = TopK.of(query, limits);
        if (top != null) {
            return top.run(snapshot, lucene, filter, fromMillis, toMillis, limits, deadline);
        }
        NewestFirst newest = NewestFirst.of(query, limits);
        if (newest != null) {
            return newest.run(snapshot, lucene, filter, fromMillis, toMillis, limits, deadline);
        }
        PatternRun pattern = PatternRun.of(query);
        return pattern == null ? null : pattern.run(snapshot, lucene, filter, fromMillis, toMillis, limits, deadline);
    }
}
