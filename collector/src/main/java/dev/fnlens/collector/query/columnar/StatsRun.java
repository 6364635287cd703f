package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Weight;

/**
 * Runs a {@link StatsShape}: every match of each segment finds its group from the key columns, reads each distinct
 * argument once, and updates the aggregates' arrays; the groups then go to the engine's
 * {@link dev.fnlens.query.LeadingStats#complete} for projections, order, later commands and formatting.
 */
final class StatsRun {
    private final StatsShape shape;
    private final GroupAggregates[] aggregates; // one per call
    private final GroupAggregates[] perArgument; // what each argument feeds: its Values, if any pct or distinct needs it
    private final Groups groups;
    private final Map<String, Weight> withoutTerm;
    private final TextIds textIds;

    /** @param withoutTerm for each discovered key, see {@link DiscoveredValues#open} */
    StatsRun(StatsShape shape, Map<String, Weight> withoutTerm) {
        this(shape, withoutTerm, new TextIds());
    }

    private StatsRun(StatsShape shape, Map<String, Weight> withoutTerm, TextIds textIds) {
        this.shape = shape;
        this.withoutTerm = withoutTerm;
        this.textIds = textIds;
        int arguments = shape.arguments().size();
        GroupAggregates.Values[] values = new GroupAggregates.Values[arguments];
        this.aggregates = new GroupAggregates[shape.aggregates().size()];
        for (int i = 0; i < aggregates.length; i++) {
            StatsShape.Aggregate a = shape.aggregates().get(i);
            aggregates[i] = switch (a.kind()) {
                case ROWS -> new GroupAggregates.Count(true);
                case PRESENT -> new GroupAggregates.Count(false);
                case SUM -> new GroupAggregates.Sum(false);
                case AVG -> new GroupAggregates.Sum(true);
                case MIN -> new GroupAggregates.Extreme(-1);
                case MAX -> new GroupAggregates.Extreme(1);
                case PCT -> new GroupAggregates.Pct(values(values, a.argument()), a.percent());
                case DISTINCT -> new GroupAggregates.Distinct(values(values, a.argument()));
            };
        }
        this.perArgument = values;
        this.groups = new Groups(shape.keys(), this::grow);
    }

    private static GroupAggregates.Values values(GroupAggregates.Values[] values, int argument) {
        if (values[argument] == null) {
            values[argument] = new GroupAggregates.Values();
        }
        return values[argument];
    }

    private void grow(int size) {
        for (GroupAggregates a : aggregates) {
            a.grow(size);
        }
        for (GroupAggregates v : perArgument) {
            if (v != null) {
                v.grow(size);
            }
        }
    }

    /**
     * @param filter {@code lucene} without its time range {@code [from, to]}
     * @param range  the time range, when {@code lucene} is that range and nothing else; else null
     */
    QueryResult run(Snapshot snapshot, Query lucene, Query filter, long from, long to, RangeCounts range,
                    ExecutionLimits limits, Deadline deadline) throws IOException {
        SegmentScan scan = new SegmentScan(deadline);
        try {
            Weight weight = SegmentScan.weight(snapshot, lucene);
            List<LeafReaderContext> leaves = snapshot.searcher().getIndexReader().leaves();
            int half = InTwo.splitAt(leaves);
            if (half <= 0) {
                scan(leaves, weight, filter, from, to, range, scan);
            } else {
                scanInTwo(leaves, half, weight, filter, from, to, range, scan, deadline);
            }
        } catch (QueryAbortedException e) {
            // as the row engine: no rows yet, the statistics of what was read
            return new QueryResult(e.isTimeout() ? QueryStatus.Timeout : QueryStatus.Cancelled,
                    shape.query().columns(), List.of(), statistics(scan));
        }
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> results = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            keys.add(Groups.shown(groups.keys().get(g)));
            Object[] r = new Object[aggregates.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = aggregates[i].result(g);
            }
            results.add(r);
        }
        return shape.stats().complete(keys, results, statistics(scan), limits);
    }

    /** The first segments here, the others into a second run (see {@link InTwo}), then added to this one's groups. */
    private void scanInTwo(List<LeafReaderContext> leaves, int half, Weight weight, Query filter, long from, long to,
                           RangeCounts range, SegmentScan scan, Deadline deadline) throws IOException {
        StatsRun later = new StatsRun(shape, withoutTerm, textIds); // one numbering of text values for both
        SegmentScan laterScan = new SegmentScan(deadline);
        InTwo.scan(() -> scan(leaves.subList(0, half), weight, filter, from, to, range, scan),
                () -> later.scan(leaves.subList(half, leaves.size()), weight, filter, from, to, range, laterScan));
        merge(later); // in order, which gives the groups the numbering one pass would
        scan.counted(laterScan.matched(), laterScan.bytes());
    }

    /** Every match of these segments into this run's groups. */
    private void scan(List<LeafReaderContext> leaves, Weight weight, Query filter, long from, long to,
                      RangeCounts range, SegmentScan scan) throws IOException {
        boolean counts = range != null && RangeCounts.applies(shape);
        GroupAggregates.Count[] rows = counts ? java.util.Arrays.copyOf(aggregates, aggregates.length,
                GroupAggregates.Count[].class) : null;
        StatsShape.Bin bin = counts && !shape.keys().isEmpty() ? (StatsShape.Bin) shape.keys().get(0) : null;
        for (LeafReaderContext leaf : leaves) {
            scan.tick();
            if (!(counts && range.count(leaf.reader(), groups, bin, rows, scan))) {
                scan.scan(weight, leaf, collector(leaf), filter, from, to);
            }
        }
    }

    /** Adds the groups of a run over later segments to this one's, in that run's order. */
    private void merge(StatsRun later) {
        for (int g = 0; g < later.groups.size(); g++) {
            int mine = groups.groupOf(later.groups.keys().get(g));
            for (int i = 0; i < aggregates.length; i++) {
                aggregates[i].merge(mine, later.aggregates[i], g);
            }
            for (int i = 0; i < perArgument.length; i++) {
                if (perArgument[i] != null) {
                    perArgument[i].merge(mine, later.perArgument[i], g);
                }
            }
        }
    }

    private static Statistics statistics(SegmentScan scan) {
        return new Statistics(scan.matched(), scan.matched(), scan.bytes());
    }

    private SegmentScan.Collector collector(LeafReaderContext context) throws IOException {
        LeafReader leaf = context.reader();
        Groups.Segment keys = groups.open(context, withoutTerm);
        List<StatsShape.Aggregate> calls = shape.aggregates();
        NumberColumn[] arguments = new NumberColumn[shape.arguments().size()];
        java.util.Map<String, NumberColumn> fields = new java.util.HashMap<>();
        for (int i = 0; i < arguments.length; i++) {
            Expr argument = shape.arguments().get(i);
            // a text field's values feed only count_distinct (and count, which needs no more than their presence)
            String discovered = StatsShape.discoveredField(argument);
            arguments[i] = perArgument[i] != null && TextIds.readable(argument)
                    ? textIds.column(((Expr.Field) argument).name(), leaf)
                    : discovered != null
                    ? NumberColumn.discovered(DiscoveredValues.openForNumbers(discovered, context,
                            withoutTerm.get(discovered)))
                    : NumberColumn.open(argument, leaf, fields);
        }
        int[] argumentOf = calls.stream().mapToInt(StatsShape.Aggregate::argument).toArray();
        boolean[] has = new boolean[arguments.length];
        double[] value = new double[arguments.length];
        GroupAggregates[] aggregates = this.aggregates;
        GroupAggregates[] perArgument = this.perArgument;
        return doc -> {
            int group = keys.group(doc);
            for (int i = 0; i < arguments.length; i++) {
                NumberColumn a = arguments[i];
                has[i] = a.read(doc);
                value[i] = a.value;
                if (perArgument[i] != null) {
                    perArgument[i].add(group, has[i], value[i]);
                }
            }
            for (int i = 0; i < aggregates.length; i++) {
                int a = argumentOf[i];
                if (a < 0) {
                    aggregates[i].add(group, true, 0);
                } else {
                    aggregates[i].add(group, has[a], value[a]);
                }
            }
        };
    }
}
