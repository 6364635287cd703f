package dev.fnlens.query;

import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.exec.Plan;
import dev.fnlens.query.exec.Planner;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.syntax.CommandParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed Logs Insights query. Immutable and safe to share between threads; each {@link #execute} plans afresh.
 *
 * <pre>{@code
 * Query q = Query.parse("filter @type = \"REPORT\" | stats avg(@duration) by bin(5m)");
 * List<Expr> pushed = q.pushdownFilters();   // translate what you can into store queries
 * Set<String> load = q.referencedFields();   // load only these fields
 * QueryResult r = q.execute(events, ExecutionLimits.timeout(Duration.ofSeconds(30)));
 * }</pre>
 */
public final class Query {

    private final String text;
    private final List<Command> commands;
    private final List<Expr> pushdownFilters;
    private final Set<String> referencedFields;
    private final List<String> columns;
    private final LeadingStats leadingStats;
    private final LeadingPattern leadingPattern;

    private Query(String text, List<Command> commands) {
        this.text = text;
        this.commands = List.copyOf(FiltersFirst.of(commands));
        List<Expr> leading = new ArrayList<>();
        for (Command c : this.commands) {
            if (!(c instanceof Command.Filter f)) {
                break;
            }
            leading.add(f.condition());
        }
        this.pushdownFilters = List.copyOf(leading);
        Plan plan = Planner.plan(this.commands, Deadline.none(), ExecutionLimits.DEFAULT_MAX_ROWS);
        this.referencedFields = plan.sourceFields();
        this.columns = plan.columns();
        this.leadingStats = leading.size() < this.commands.size() && this.commands.get(leading.size()) instanceof Command.Stats s
                ? new LeadingStats(this, leading.size(), s) : null;
        this.leadingPattern = leadingPattern(this.commands, leading.size());
    }

    /**
     * The pattern after the leading filters and perhaps a {@code fields} that only names fields (the console's
     * {@code fields @timestamp, @message}): neither changes what the pattern counts.
     */
    private LeadingPattern leadingPattern(List<Command> commands, int at) {
        while (at < commands.size() && commands.get(at) instanceof Command.Fields f && f.projections().stream()
                .allMatch(p -> p.expr() instanceof Expr.Field field && field.name().equals(p.name()))) {
            at++;
        }
        return at < commands.size() && commands.get(at) instanceof Command.Pattern p ? new LeadingPattern(this, p) : null;
    }

    /**
     * Parses and checks a query (at most 10,000 characters).
     *
     * @throws QuerySyntaxException with line, column and what was expected
     */
    public static Query parse(String text) {
        return new Query(text, CommandParser.parse(text));
    }

    public String text() {
        return text;
    }

    /**
     * The commands in the order they run, as an immutable syntax tree: as written, except that a filter runs before
     * the {@code fields}, {@code parse} and {@code display} commands ahead of it that set nothing it reads (which
     * gives the same answer, and lets a store push it down).
     */
    public List<Command> commands() {
        return commands;
    }

    /**
     * The conditions of the {@code filter} commands that run before any other command (see {@link #commands()}); an event must satisfy all of
     * them to matter. A store may translate any part of them into its own query to skip events early (term, range,
     * regex queries). The engine applies every filter again, so the store must only never drop an event that
     * satisfies them: translate a condition exactly or into something broader, and skip what you cannot.
     */
    public List<Expr> pushdownFilters() {
        return pushdownFilters;
    }

    /**
     * The event fields the query reads (in order of first use): a store need load only these. Fields the query
     * creates itself (parse, fields ... as) are not listed unless they are read before being created.
     */
    public Set<String> referencedFields() {
        return referencedFields;
    }

    /** The answer's columns in order: what fields, stats, pattern or the last display produce. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The stats that follows the leading filters, when the query is filters, a stats and anything after it (no
     * other command before the stats): a store may aggregate it itself, see {@link LeadingStats}.
     */
    public java.util.Optional<LeadingStats> leadingStats() {
        return java.util.Optional.ofNullable(leadingStats);
    }

    /** The pattern right after the leading filters, when that is how the query starts. */
    public java.util.Optional<LeadingPattern> leadingPattern() {
        return java.util.Optional.ofNullable(leadingPattern);
    }

    /** Runs without a time limit, answering at most 10,000 rows. */
    public QueryResult execute(Iterable<? extends FieldSource> events) {
        return execute(events, ExecutionLimits.none());
    }

    /**
     * Runs the query over the events in one pass, on the calling thread. Events are read in the order given; without a
     * sort, rows come out in that order. Never throws for a data problem: missing or odd values are just missing.
     */
    public QueryResult execute(Iterable<? extends FieldSource> events, ExecutionLimits limits) {
        Objects.requireNonNull(events, "events");
        Deadline deadline = new Deadline(timeoutNanos(limits), limits.cancelled());
        return Planner.plan(commands, deadline, limits.maxRows()).execute(events);
    }

    static long timeoutNanos(ExecutionLimits limits) {
        if (limits.timeout() == null) {
            return 0; // none
        }
        // beyond a century counts as no limit (and toNanos would overflow)
        return limits.timeout().toDays() > 36_500 ? 0 : Math.max(1, limits.timeout().toNanos());
    }

    @Override
    public String toString() {
        return text;
    }
}
