package dev.fnlens.query;

import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.exec.Planner;
import dev.fnlens.query.runtime.Deadline;
import java.util.List;

/**
 * The {@code stats} of a query that is only filters and then that stats (and anything after it), for a store that
 * aggregates by itself — per segment, column by column — instead of handing every event to {@link Query#execute}.
 * The store computes, for each group, the key values and the result of each of {@link #calls()}; {@link #complete}
 * does the rest exactly as the engine would: projections over the aggregates, the order of the groups, the commands
 * after the stats and the formatting of the answer.
 *
 * <p>What a store must give, per group, to match the engine: keys as the key expressions evaluate ({@code bin(5m)} as
 * a {@code Long}, a text field as its {@code String}, null when missing); {@code count} as a {@code Long}; sum, avg,
 * min, max, pct as a {@code Double} or null when no value counted ({@code sum} exactly as
 * {@link dev.fnlens.query.aggregate.ExactSum} gives it, {@code pct} as
 * {@link dev.fnlens.query.aggregate.Percentile#select}); {@code count_distinct} as a {@code Long}.
 */
public final class LeadingStats {
    private final Query query;
    private final int index;
    private final Command.Stats command;
    private final List<Expr.Call> calls;

    LeadingStats(Query query, int index, Command.Stats command) {
        this.query = query;
        this.index = index;
        this.command = command;
        this.calls = List.copyOf(Planner.aggregateCalls(command));
    }

    /** Position of the stats in {@link Query#commands()}: every command before it is a filter. */
    public int index() {
        return index;
    }

    public Command.Stats command() {
        return command;
    }

    /** The distinct aggregate calls, in the order {@link #complete} expects their results. */
    public List<Expr.Call> calls() {
        return calls;
    }

    /**
     * The answer from the groups (each once; in any order): {@code keys.get(i)} holds group i's key values in
     * {@code by} order, {@code results.get(i)} its result for each of {@link #calls()}. {@code statistics} is what
     * the store read: events that passed the filters as recordsMatched.
     */
    public QueryResult complete(List<Object[]> keys, List<Object[]> results, Statistics statistics,
                                ExecutionLimits limits) {
        Deadline deadline = new Deadline(Query.timeoutNanos(limits), limits.cancelled());
        return Planner.plan(query.commands(), deadline, limits.maxRows()).executeAggregated(keys, results, statistics);
    }
}
