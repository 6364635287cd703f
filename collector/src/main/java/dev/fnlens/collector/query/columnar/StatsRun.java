package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.store.EventScan;
import dev.fnlens.collector.store.Snapshot;
import dev.fnlens.query.ExecutionLimits;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.Statistics;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** Aggregations over at least this many documents (all segments of the range) use the helper thread too. */
    static volatile long parallelFromDocs = 1L << 18;
    /** One thread that scans the second half of big aggregations; none on a single core. */
    private static final Executor HELPER = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fnlens-query-helper");
                t.setDaemon(true);
                return t;
            });

    private final StatsShape shape;
    private final GroupAggregates[] aggregates; // one per call
    private final GroupAggregates[] perArgument; // what each argument feeds: its Values, if any pct or distinct needs it
    private final Groups groups;
    private final Map<String, Weight> withoutTerm;

    /** @param withoutTerm for each discovered key, see {@link DiscoveredValues#open} */
    StatsRun(StatsShape shape, Map<String, Weight> withoutTerm) {
        this.shape = shape;
        this.withoutTerm = withoutTerm;
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
                    ExecutionLimits limits, EventScan.Stop stop) throws IOException {
        SegmentScan scan = new SegmentScan(stop);
        try {
            Weight weight = SegmentScan.weight(snapshot, lucene);
            List<LeafReaderContext> leaves = snapshot.searcher().getIndexReader().leaves();
            int half = splitAt(leaves);
            if (half <= 0) {
                scan(leaves, weight, filter, from, to, range, scan);
            } else {
                scanInTwo(leaves, half, weight, filter, from, to, range, scan, stop);
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

    /**
     * Where to cut the segments so that each half holds about as many documents, or 0 to scan them in one go: fewer
     * than {@link #parallelFromDocs} documents in all, one segment, or one core.
     */
    private static int splitAt(List<LeafReaderContext> leaves) {
        long total = 0;
        for (LeafReaderContext leaf : leaves) {
            total += leaf.reader().maxDoc();
        }
        if (HELPER == null || leaves.size() < 2 || total < parallelFromDocs) {
            return 0;
        }
        long sofar = 0;
        for (int i = 0; i < leaves.size() - 1; i++) {
            sofar += leaves.get(i).reader().maxDoc();
            if (sofar * 2 >= total) {
                return i + 1;
            }
        }
        return leaves.size() - 1;
    }

    /**
     * The first segments here, the others on the helper thread into a second run, then added to this one's groups
     * in order, which gives the groups the numbering one pass would. When the helper has not taken the second half
     * by the time the first is done (it is busy with other queries), this thread scans it itself rather than wait.
     */
    private void scanInTwo(List<LeafReaderContext> leaves, int half, Weight weight, Query filter, long from, long to,
                           RangeCounts range, SegmentScan scan, EventScan.Stop stop) throws IOException {
        StatsRun later = new StatsRun(shape, withoutTerm);
        SegmentScan laterScan = new SegmentScan(stop);
        List<LeafReaderContext> rest = leaves.subList(half, leaves.size());
        AtomicBoolean taken = new AtomicBoolean();
        CompletableFuture<Void> helped = new CompletableFuture<>();
        HELPER.execute(() -> {
            if (taken.compareAndSet(false, true)) {
                try {
                    later.scan(rest, weight, filter, from, to, range, laterScan);
                    helped.complete(null);
                } catch (Throwable e) {
                    helped.completeExceptionally(e);
                }
            }
        });
        try {
            scan(leaves.subList(0, half), weight, filter, from, to, range, scan);
        } catch (RuntimeException | IOException e) {
            if (!taken.compareAndSet(false, true)) {
                awaitQuietly(helped); // it reads the snapshot the caller closes next
            }
            throw e;
        }
        if (taken.compareAndSet(false, true)) {
            later.scan(rest, weight, filter, from, to, range, laterScan);
        } else {
            await(helped);
        }
        merge(later);
        scan.counted(laterScan.matched(), laterScan.bytes());
    }

    private static void await(CompletableFuture<Void> helped) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    helped.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the helper checks the same stop: it ends soon enough
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> helped) {
        try {
            await(helped);
        } catch (IOException | RuntimeException ignored) {
            // the caller's own failure is the one reported
        }
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
            arguments[i] = NumberColumn.open(shape.arguments().get(i), leaf, fields);
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
