package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.EventColumns;
import dev.fnlens.collector.store.EventScan;
import dev.fnlens.collector.store.ScaledNumbers;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.FieldSource;
import dev.fnlens.query.Query;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.SortKey;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;

/**
 * {@code [filter ...] [| fields/display ...] | sort <Lambda number> asc|desc | limit N [| ...]}: a top-N sorted search on the number's doc
 * values, ties broken by time and ingest order as the engine's stable sort breaks them, missing values last; then
 * only the N winners are read and handed to the row engine, which runs the whole query over them and gives the same
 * rows as over every event. Taken only when the field holds no value outside its scaled column
 * ({@link ScaledNumbers}), where the order of the longs is the order of the numbers.
 */
final class TopK {
    private final Query query;
    private final String field;
    private final boolean descending;
    private final int size;

    private TopK(Query query, String field, boolean descending, int size) {
        this.query = query;
        this.field = field;
        this.descending = descending;
        this.size = size;
    }

    /** The top-k plan of the query, or null when the row engine must answer it. */
    static TopK of(Query query, ExecutionLimits limits) {
        List<Command> commands = query.commands();
        int at = query.pushdownFilters().size();
        while (at < commands.size() && (commands.get(at) instanceof Command.Fields || commands.get(at) instanceof Command.Display)) {
            at++; // one row per event either way; the engine computes them for the winners
        }
        if (at >= commands.size() || !(commands.get(at) instanceof Command.Sort sort) || sort.keys().size() != 1) {
            return null;
        }
        SortKey key = sort.keys().get(0);
        if (!(key.expr() instanceof Expr.Field f) || !Schema.DOUBLES.contains(f.name())
                || assigns(commands.subList(0, at), f.name())) {
            return null;
        }
        int size;
        if (at + 1 == commands.size()) {
            size = limits.maxRows();
        } else if (commands.get(at + 1) instanceof Command.Limit limit) {
            size = Math.min(limit.count(), limits.maxRows());
        } else {
            return null;
        }
        return new TopK(query, f.name(), key.descending(), size);
    }

    /** Whether a {@code fields} command gives the field another value than the event's. */
    private static boolean assigns(List<Command> before, String field) {
        return before.stream().anyMatch(c -> c instanceof Command.Fields fields && fields.projections().stream()
                .anyMatch(p -> p.name().equals(field) && !(p.expr() instanceof Expr.Field e && e.name().equals(field))));
    }

    /** The answer, or null when a segment holds values of the field that are not scaled. */
    QueryResult run(Snapshot snapshot, org.apache.lucene.search.Query lucene, ExecutionLimits limits,
                    EventScan.Stop stop) throws IOException {
        List<LeafReaderContext> leaves = snapshot.searcher().getIndexReader().leaves();
        for (LeafReaderContext leaf : leaves) {
            if (leaf.reader().getFieldInfos().fieldInfo(field + ScaledNumbers.RAW_SUFFIX) != null) {
                return null;
            }
        }
        SortField value = new SortField(field, SortField.Type.LONG, descending);
        value.setMissingValue(descending ? Long.MIN_VALUE : Long.MAX_VALUE); // missing last either way
        Sort sort = new Sort(value, new SortField(LogEvent.TIMESTAMP, SortField.Type.LONG),
                new SortField(Schema.SEQ, SortField.Type.LONG), new SortField(Schema.IDX, SortField.Type.LONG));
        TopFieldCollector top = new TopFieldCollectorManager(sort, size, null, Integer.MAX_VALUE, false).newCollector();
        SegmentScan scan = new SegmentScan(stop);
        try {
            scan.scan(snapshot, lucene, leaf -> {
                LeafCollector collector = top.getLeafCollector(leaf);
                collector.setScorer(NO_SCORE);
                return collector::collect;
            });
        } catch (QueryAbortedException e) {
            return new QueryResult(e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled, query.columns(),
                    List.of(), statistics(scan));
        }
        List<FieldSource> winners = new ArrayList<>();
        for (ScoreDoc hit : top.topDocs().scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            EventColumns event = new EventColumns(leaf.reader());
            event.moveTo(hit.doc - leaf.docBase);
            winners.add(event);
        }
        QueryResult answer = query.execute(winners, limits);
        return new QueryResult(answer.status(), answer.columns(), answer.rows(), statistics(scan));
    }

    private static Statistics statistics(SegmentScan scan) {
        return new Statistics(scan.matched(), scan.matched(), scan.bytes());
    }

    private static final Scorable NO_SCORE = new Scorable() {
        @Override
        public float score() {
            return 0;
        }

        @Override
        public int docID() {
            return -1;
        }
    };
}
