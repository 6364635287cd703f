package dev.fnlens.query;

import dev.fnlens.query.ast.Command;
import dev.fnlens.query.exec.Planner;
import dev.fnlens.query.runtime.Deadline;
import java.util.Map;

/**
 * The {@code pattern} of a query that is only filters and then that pattern (and anything after it), for a store
 * that shapes the values by itself — per segment, each shape of a templated line once — instead of handing every
 * event to {@link Query#execute}. The store counts the values by their shape as
 * {@link dev.fnlens.query.pattern.MessageShapes} gives it; {@link #complete} does the rest exactly as the engine
 * would: the ratios, the order, the commands after the pattern and the formatting of the answer.
 */
public final class LeadingPattern {
    private final Query query;
    private final Command.Pattern command;

    LeadingPattern(Query query, Command.Pattern command) {
        this.query = query;
        this.command = command;
    }

    public Command.Pattern command() {
        return command;
    }

    /**
     * The answer from the shapes' counts (each shape once; values without the field not counted). {@code statistics}
     * is what the store read: events that passed the filters as recordsMatched.
     */
    public QueryResult complete(Map<String, Long> shapes, Statistics statistics, ExecutionLimits limits) {
        Deadline deadline = new Deadline(Query.timeoutNanos(limits), limits.cancelled());
        return Planner.plan(query.commands(), deadline, limits.maxRows()).executePatterned(shapes, statistics);
    }
}
